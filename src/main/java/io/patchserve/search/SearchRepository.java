package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.catalog.ItemColumns;
import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.StoredItem;
import io.patchserve.catalog.StoredItemJson;
import io.patchserve.config.SearchConfig;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs item searches as SQL over JDBC: a page, a first page with its exact count, the planner's estimate. */
@ApplicationScoped
public class SearchRepository {

    private static final String STORED_JSON_CURRENT = "i.stac_json_version = " + StoredItemJson.VERSION;
    /** The columns of an {@link ItemRow} ({@link ItemColumns}), then the stored JSON or null. */
    private static final String ROW_COLUMNS = ItemColumns.ROW + ", NULL::text";
    /**
     * The same columns for {@link ItemForm#STORED_JSON}: the stored JSON where it is current, and the rendered
     * columns only where it is not, so that PostgreSQL writes no JSON for items it already has as text.
     */
    private static final String STORED_JSON_COLUMNS = "i.collection_id, i.id, " + ItemColumns.RENDERED.stream()
            .map(c -> "CASE WHEN " + STORED_JSON_CURRENT + " THEN NULL ELSE " + c + " END")
            .collect(Collectors.joining(", ")) + ", CASE WHEN " + STORED_JSON_CURRENT + " THEN i.stac_json END";
    private static final int COLUMN_COUNT = ItemColumns.COUNT + 1;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final ItemColumns items;
    private final SearchConfig settings;

    public SearchRepository(AgroalDataSource dataSource, ObjectMapper mapper, ItemColumns items, SearchConfig settings) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.items = items;
        this.settings = settings;
    }

    /**
     * An item of a page, plus its sort values (for the next cursor): its stored JSON, or, when it has none
     * current or rows were asked for, its columns.
     */
    public record Row(ItemRow item, StoredItem stored, List<Object> sortValues) {
    }

    /**
     * A page in two steps within one statement: the matches are ordered by their sort keys alone (row address and
     * keys, narrow rows), then only the page's rows are read in full by address. Sorting whole rows, with their
     * JSON, cost three times as much for a bbox page of 360 matches (bench/README.md).
     */
    public List<Row> page(SqlBuilder where, List<SortKey> sort, int limit, ItemForm form) {
        SqlBuilder sql = new SqlBuilder().sql("WITH top AS (SELECT i.ctid AS address").sql(sortColumns(sort))
                .sql(" FROM item i WHERE ").append(where).sql(" ORDER BY ").sql(orderBy(sort, null))
                .sql(" LIMIT ").param(limit).sql(")");
        return readTop(sql, sort, form);
    }

    /**
     * A page of a bbox or intersects search whose matches are many: the candidates whose footprint box overlaps
     * (what the index gives) are put in order first, with their footprints, and the exact intersection is tested
     * along that order only until the page is full, instead of for every candidate before ordering. A 100-vertex
     * polygon over 3,331 candidates: 159 exact tests instead of 3,331, 12.5 -> 5.6-7.7 ms (bench/README.md).
     *
     * @param candidates the conditions with the area as a box overlap (and the cursor, if any)
     * @param exact      the exact test over column {@code footprint}
     */
    public List<Row> pageByArea(SqlBuilder candidates, SqlBuilder exact, List<SortKey> sort, int limit, ItemForm form) {
        SqlBuilder sql = new SqlBuilder().sql("WITH candidate AS (SELECT i.ctid AS address, i.geometry AS footprint")
                .sql(sortColumns(sort)).sql(" FROM item i WHERE ").append(candidates)
                .sql(" ORDER BY ").sql(orderBy(sort, null)).sql(" OFFSET 0), top AS (SELECT * FROM candidate WHERE ")
                .append(exact).sql(" ORDER BY ").sql(orderBy(sort, "k")).sql(" LIMIT ").param(limit).sql(")");
        return readTop(sql, sort, form);
    }

    /** Completes {@code withTop} (ending in a CTE "top" of row addresses and keys) by reading those rows in full. */
    private List<Row> readTop(SqlBuilder withTop, List<SortKey> sort, ItemForm form) {
        withTop.sql(" SELECT " + columns(form)).sql(topColumns(sort))
                .sql(" FROM top JOIN item i ON i.ctid = top.address ORDER BY ").sql(orderBy(sort, "top.k"));
        return query(withTop, rs -> {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs, sort));
            }
            return rows;
        });
    }

    private static String columns(ItemForm form) {
        return form == ItemForm.STORED_JSON ? STORED_JSON_COLUMNS : ROW_COLUMNS;
    }

    private static String sortColumns(List<SortKey> sort) {
        StringBuilder columns = new StringBuilder();
        for (int k = 0; k < sort.size(); k++) {
            columns.append(", ").append(sort.get(k).sql()).append(" AS k").append(k);
        }
        return columns.toString();
    }

    private static String topColumns(List<SortKey> sort) {
        StringBuilder columns = new StringBuilder();
        for (int k = 0; k < sort.size(); k++) {
            columns.append(", top.k").append(k);
        }
        return columns.toString();
    }

    private Row row(ResultSet rs, List<SortKey> sort) throws SQLException {
        List<Object> values = new ArrayList<>(sort.size());
        for (int k = 0; k < sort.size(); k++) {
            values.add(sortValue(rs, COLUMN_COUNT + 1 + k, sort.get(k).type()));
        }
        // text columns come as the bytes the server sent (UTF-8): stored JSON is passed on without decoding
        byte[] stored = rs.getBytes(COLUMN_COUNT);
        return stored != null ? new Row(null, new StoredItem(rs.getString(1), rs.getString(2), stored), values)
                : new Row(items.read(rs), null, values);
    }

    /** A first page and how many items match in all: exact up to the cap, {@code cap + 1} when there are more. */
    public record CountedPage(List<Row> rows, long matched) {
    }

    /**
     * The first page and the exact match count in one pass over the matches, for searches the planner expects
     * to match few items: the matches (at most {@code cap + 1}, with their sort values) are collected once,
     * counted, and the page is cut from them, so the spatial or JSON tests run once instead of once for the page
     * and again for the count. When more than {@code cap} match, the rows are not a page (the cut may have
     * missed better-ranked items) and are empty.
     */
    public CountedPage pageCounted(SqlBuilder where, List<SortKey> sort, int limit, long cap, ItemForm form) {
        SqlBuilder sql = new SqlBuilder().sql("WITH hit AS MATERIALIZED (SELECT i.ctid AS address").sql(sortColumns(sort))
                .sql(" FROM item i WHERE ").append(where).sql(" LIMIT ").param(cap + 1)
                .sql("), matched AS (SELECT count(*) AS n FROM hit), top AS (SELECT * FROM hit WHERE (SELECT n FROM matched) <= ")
                .param(cap).sql(" ORDER BY ").sql(orderBy(sort, "k")).sql(" LIMIT ").param(limit)
                .sql(") SELECT " + columns(form)).sql(topColumns(sort))
                .sql(", (SELECT n FROM matched) FROM matched LEFT JOIN (top JOIN item i ON i.ctid = top.address) ON TRUE ORDER BY ")
                .sql(orderBy(sort, "top.k"));
        return query(sql, rs -> {
            List<Row> rows = new ArrayList<>();
            long matched = 0;
            int countColumn = COLUMN_COUNT + sort.size() + 1;
            while (rs.next()) {
                matched = rs.getLong(countColumn);
                if (rs.getString(2) != null) {
                    rows.add(row(rs, sort));
                }
            }
            return new CountedPage(rows, matched);
        });
    }

    /** ORDER BY terms over the keys' own expressions, or over columns {@code aliasPrefix + k} when given. */
    private static String orderBy(List<SortKey> sort, String aliasPrefix) {
        StringBuilder order = new StringBuilder();
        for (int k = 0; k < sort.size(); k++) {
            SortKey key = sort.get(k);
            order.append(k > 0 ? ", " : "").append(aliasPrefix == null ? key.orderBy() : key.orderBy(aliasPrefix + k));
        }
        return order.toString();
    }

    /** The planner's estimate of how many rows match. */
    public long estimate(SqlBuilder where) {
        SqlBuilder sql = new SqlBuilder().sql("EXPLAIN (FORMAT JSON) SELECT 1 FROM item i WHERE ").append(where);
        return query(sql, rs -> {
            if (!rs.next()) {
                return 0L;
            }
            try {
                JsonNode plan = mapper.readTree(rs.getString(1));
                return plan.path(0).path("Plan").path("Plan Rows").asLong();
            } catch (Exception e) {
                return 0L;
            }
        });
    }

    /** Sum of the stored item counts of these collections (all when empty). */
    public long storedCount(List<String> collections) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT coalesce(sum(item_count), 0) FROM collection");
        if (!collections.isEmpty()) {
            sql.sql(" WHERE id = ANY(").param(new SqlBuilder.TextArray(collections)).sql(")");
        } else {
            sql.sql(" WHERE " + SearchSql.LIVE_COLLECTIONS.formatted("id"));
        }
        return query(sql, rs -> rs.next() ? rs.getLong(1) : 0);
    }

    /**
     * The split values a collection's items hold, read by skipping through the (collection, split, ...) index one
     * value at a time: as many index probes as there are splits, whatever the number of items.
     */
    public java.util.Set<String> splitValues(String collectionId) {
        SqlBuilder sql = new SqlBuilder().sql("""
                WITH RECURSIVE s(split) AS (
                    (SELECT split FROM item WHERE collection_id = """).param(collectionId).sql("""
                      AND split IS NOT NULL ORDER BY split LIMIT 1)
                    UNION ALL
                    SELECT (SELECT i.split FROM item i WHERE i.collection_id = """).param(collectionId).sql("""
                              AND i.split > s.split ORDER BY i.split LIMIT 1)
                    FROM s WHERE s.split IS NOT NULL)
                SELECT split FROM s WHERE split IS NOT NULL""");
        return query(sql, rs -> {
            java.util.Set<String> out = new java.util.TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        });
    }

    /** What a search's values did wrong, by the SQL state PostgreSQL answered with; null when it is not theirs. */
    private static String refusal(String sqlState) {
        return switch (sqlState == null ? "" : sqlState) {
            case "22P02", "22007", "22008", "22003" -> "a value in the search cannot be read as the type its field has"
                    + " (a number, a date-time, a geometry)";
            case "22023" -> "a value in the search is outside what its field allows";
            case "22025" -> "a LIKE pattern ends with the escape character '\\' or escapes nothing";
            case "XX000" -> "a geometry in the search cannot be used (invalid, e.g. self-intersecting or with too few points)";
            case "54000", "54001" -> "the search is too large to run (too many values or too deep a filter); narrow it";
            default -> null;
        };
    }

    // --- JDBC ---

    private int timeoutSeconds() {
        return (int) Math.max(1, settings.statementTimeout().toSeconds());
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(SqlBuilder sql, Reader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.text())) {
            statement.setQueryTimeout(timeoutSeconds());
            bind(connection, statement, sql.params());
            try (ResultSet rs = statement.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                throw new ApiException(ErrorCode.SEARCH_TIMEOUT, "the search took longer than "
                        + timeoutSeconds() + " s; narrow it (bbox, datetime, collections) and retry", e);
            }
            String refusal = refusal(e.getSQLState());
            if (refusal != null) {
                // the request's fault, told in its terms: PostgreSQL's own message names internals
                throw ApiException.badRequest(refusal);
            }
            throw new IllegalStateException("search query failed: " + e.getMessage(), e);
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, List<Object> params) throws SQLException {
        for (int p = 0; p < params.size(); p++) {
            int index = p + 1;
            switch (params.get(p)) {
                case String s -> statement.setString(index, s);
                case Integer n -> statement.setInt(index, n);
                case Long n -> statement.setLong(index, n);
                case Double d -> statement.setDouble(index, d);
                case Boolean b -> statement.setBoolean(index, b);
                case Instant t -> statement.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                case SqlBuilder.Jsonb j -> statement.setString(index, j.json());
                case SqlBuilder.TextArray a -> statement.setArray(index, connection.createArrayOf("text", a.values().toArray()));
                default -> throw new IllegalStateException("cannot bind " + params.get(p).getClass());
            }
        }
    }

    private static Object sortValue(ResultSet rs, int column, Queryable.Type type) throws SQLException {
        return switch (type) {
            case TIMESTAMP -> ItemColumns.instant(rs.getTimestamp(column));
            case NUMBER -> {
                double d = rs.getDouble(column);
                yield rs.wasNull() ? null : d;
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(column);
                yield rs.wasNull() ? null : b;
            }
            default -> rs.getString(column);
        };
    }
}
