package io.patchserve.search;

/**
 * A resolved sort key: the SQL it orders by, its direction, and whether it can be null (JSON properties can;
 * columns cannot). Non-null keys order with the column's default null placement so that the btree indexes
 * on (dt DESC, collection_id, id) serve the ORDER BY.
 */
public record SortKey(String name, String sql, boolean ascending, boolean nullable, Queryable.Type type,
                      boolean nullsFirst) {

    public SortKey(String name, String sql, boolean ascending, boolean nullable, Queryable.Type type) {
        this(name, sql, ascending, nullable, type, false);
    }

    /** The same key walked the other way (a prev page reads the order backwards): nulls, last, come first. */
    public SortKey reversed() {
        return new SortKey(name, sql, !ascending, nullable, type, !nullsFirst);
    }

    public String orderBy() {
        return orderBy(sql);
    }

    /** The same ordering applied to another expression holding this key's value, such as a subquery's column. */
    public String orderBy(String expression) {
        String direction = ascending ? " ASC" : " DESC";
        return expression + direction + (nullable ? (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : "");
    }
}
