package io.patchserve.catalog;

import io.patchserve.error.ApiException;
import java.sql.SQLException;

/** What a failed catalog statement means to a client, for the stores that write SQL by hand. */
public final class CatalogFailures {

    private CatalogFailures() {
    }

    /**
     * Connection trouble (SQLSTATE class 08, 57, or none: the driver lost the server) is the database being away,
     * a 503 worth retrying; anything else is this request's data or our fault, reported with {@code what} failed.
     */
    public static RuntimeException of(String what, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57")) {
            return ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
