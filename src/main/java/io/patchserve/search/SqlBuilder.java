package io.patchserve.search;

import java.util.ArrayList;
import java.util.List;

/** SQL text with its bind parameters, built in order so that each '?' meets its value. */
public final class SqlBuilder {

    /** A JSON document bound to a {@code ?::jsonb} placeholder. */
    public record Jsonb(String json) {
    }

    /** A text array bound to a {@code ?} placeholder (as text[]). */
    public record TextArray(List<String> values) {
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public SqlBuilder sql(String text) {
        sql.append(text);
        return this;
    }

    public SqlBuilder param(Object value) {
        sql.append(value instanceof Jsonb ? "?::jsonb" : "?");
        params.add(value);
        return this;
    }

    public SqlBuilder append(SqlBuilder other) {
        sql.append(other.sql);
        params.addAll(other.params);
        return this;
    }

    public boolean isEmpty() {
        return sql.isEmpty();
    }

    public String text() {
        return sql.toString();
    }

    public List<Object> params() {
        return params;
    }

    @Override
    public String toString() {
        return sql + " " + params;
    }
}
