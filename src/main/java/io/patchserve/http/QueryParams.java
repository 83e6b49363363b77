package io.patchserve.http;

import io.patchserve.config.ApiConfig;
import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/** Parsing of shared query parameters, so that every route answers bad values with the same 400. */
@ApplicationScoped
public class QueryParams {

    private final ApiConfig config;

    public QueryParams(ApiConfig config) {
        this.config = config;
    }

    /** The page size: default when absent, capped at the maximum (not an error, as STAC API asks), 400 when not positive. */
    public int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return config.defaultLimit();
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a positive integer, got '" + raw + "'");
        }
        if (value <= 0) {
            throw ApiException.badRequest("limit must be a positive integer, got " + value);
        }
        return (int) Math.min(value, config.maxLimit());
    }
}
