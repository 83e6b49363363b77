package io.patchserve.search;

import java.util.Locale;

/**
 * A name that filter and sortby may use, with its type and the SQL that reads it from an item row
 * (alias {@code i}). Core names map to columns; the others read the JSONB properties.
 */
public record Queryable(String name, Type type, Type itemType, String column) {

    public enum Type {
        STRING, NUMBER, BOOLEAN, TIMESTAMP, ARRAY, GEOMETRY;

        public String jsonSchemaType() {
            return switch (this) {
                case TIMESTAMP, STRING -> "string";
                case GEOMETRY -> "object";
                default -> name().toLowerCase(Locale.ROOT);
            };
        }
    }

    public static Queryable core(String name, Type type, String column) {
        return new Queryable(name, type, null, column);
    }

    public static Queryable property(String name, Type type, Type itemType) {
        return new Queryable(name, type, itemType, null);
    }

    public boolean isCore() {
        return column != null;
    }

    /** SQL for the JSONB value, e.g. {@code i.properties->'eo:cloud_cover'}. */
    public String jsonb() {
        return "i.properties->" + literal(name);
    }

    /** SQL for the typed value: the column, or the property cast to its type (null when a row holds another type). */
    public String valueSql() {
        if (isCore()) {
            return column;
        }
        return switch (type) {
            case STRING -> "(i.properties->>" + literal(name) + ")";
            case NUMBER -> "(CASE WHEN jsonb_typeof(" + jsonb() + ") = 'number' THEN (i.properties->>" + literal(name) + ")::float8 END)";
            case BOOLEAN -> "(CASE WHEN jsonb_typeof(" + jsonb() + ") = 'boolean' THEN (i.properties->>" + literal(name) + ")::boolean END)";
            case TIMESTAMP -> "ps_timestamptz(i.properties->>" + literal(name) + ")";
            case ARRAY, GEOMETRY -> "(" + jsonb() + ")";
        };
    }

    /** A SQL string literal, quotes doubled (standard_conforming_strings is on in every supported PostgreSQL). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
