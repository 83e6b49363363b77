package io.patchserve.release;

import io.agroal.api.AgroalDataSource;
import io.patchserve.catalog.CatalogFailures;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Releases in PostGIS (V21): the {@code collection_release} rows, and the copy that freezes a collection's rows
 * under its release's id, made in one transaction that sees one snapshot of the collection.
 */
@ApplicationScoped
public class ReleaseStore {

    private final AgroalDataSource dataSource;

    public ReleaseStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The collection's releases, oldest first. */
    public List<Release> list(String collectionId) {
        String sql = "SELECT collection_id, version, released, notes, doi FROM collection_release WHERE collection_id = ? ORDER BY released, version";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, collectionId);
            List<Release> releases = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    releases.add(new Release(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return releases;
        } catch (SQLException e) {
            throw CatalogFailures.of("the releases of '" + collectionId + "' cannot be read", e);
        }
    }

    /** What a release's copy is to hold, checked in its transaction: why it cannot be made now, if it cannot. */
    public record Refusal(ErrorCode code, String reason) {
    }

    /**
     * Copies the collection's rows (collection, items, statistics) under the release's id and records the
     * release, all in one repeatable-read transaction; empty when done, else why not (nothing is written then).
     */
    public Optional<Refusal> create(Release release) {
        String live = release.collectionId();
        String frozen = release.id();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // every statement below sees the same snapshot: the items, statistics and collection of one moment
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Optional<Refusal> refusal = refusal(c, release);
                if (refusal.isPresent()) {
                    c.rollback();
                    return refusal;
                }
                try (PreparedStatement s = c.prepareStatement("SELECT set_config('patchserve.releasing', 'on', true)")) {
                    s.execute();
                }
                copy(c, "collection", "id", List.of(), live, frozen);
                copy(c, "item", "collection_id", List.of("pk"), live, frozen);
                copy(c, "band_statistics", "collection_id", List.of(), live, frozen);
                copy(c, "provided_statistics", "collection_id", List.of(), live, frozen);
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO collection_release (collection_id, version, release_id, released, notes, doi) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, live);
                    s.setString(2, release.version());
                    s.setString(3, frozen);
                    s.setTimestamp(4, Timestamp.from(release.released()));
                    s.setString(5, release.notes());
                    s.setString(6, release.doi());
                    s.executeUpdate();
                }
                c.commit();
                return Optional.empty();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) || "40001".equals(e.getSQLState())) {
                return Optional.of(new Refusal(ErrorCode.CONFLICT, "collection '" + live + "' changed, or was released as "
                        + release.version() + ", while this release was being made; nothing was released: retry"));
            }
            throw CatalogFailures.of("release " + release.version() + " of '" + live + "' cannot be made", e);
        }
    }

    private static Optional<Refusal> refusal(Connection c, Release release) throws SQLException {
        String live = release.collectionId();
        try (PreparedStatement s = c.prepareStatement("SELECT item_count FROM collection WHERE id = ? FOR UPDATE")) {
            s.setString(1, live);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of(new Refusal(ErrorCode.NOT_FOUND, "collection '" + live + "' does not exist"));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT released FROM collection_release WHERE collection_id = ? AND version = ?")) {
            s.setString(1, live);
            s.setString(2, release.version());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(new Refusal(ErrorCode.CONFLICT, "collection '" + live + "' has a release " + release.version()
                            + " (made " + rs.getTimestamp(1).toInstant() + "), which never changes; name this one differently"));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT count(*), count(*) FILTER (WHERE stats_pending IS NOT NULL) FROM item WHERE collection_id = ?""")) {
            s.setString(1, live);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return Optional.of(new Refusal(ErrorCode.CONFLICT, "collection '" + live + "' has no items: there is nothing to release"));
                }
                if (rs.getLong(2) > 0) {
                    return Optional.of(new Refusal(ErrorCode.CONFLICT, "an ingest of '" + live + "' is still counting " + rs.getLong(2)
                            + " items into the statistics; release once it has finished, so the release's statistics are its items'"));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Copies the rows of {@code table} whose {@code key} is {@code from} under {@code to}: every stored column (not
     * generated ones, not {@code skipped}), so a column added later is frozen too. An item's stored JSON names its
     * collection, which becomes the release (its first {@code "collection":"…"} is the top-level member, as the
     * renderer writes members in a fixed order and JSON strings hold no bare quote); without that member the JSON
     * is dropped and the item rendered from its columns.
     */
    private static void copy(Connection c, String table, String key, List<String> skipped, String from, String to)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped
                  AND attgenerated = '' ORDER BY attnum""")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!name.equals(key) && !skipped.contains(name)) {
                        columns.add(name);
                    }
                }
            }
        }
        String was = "\"collection\":\"" + from + "\"";
        String now = "\"collection\":\"" + to + "\"";
        List<String> values = columns.stream().map(name -> name.equals("stac_json")
                ? "CASE WHEN strpos(stac_json, ?) > 0 THEN overlay(stac_json PLACING ? FROM strpos(stac_json, ?) FOR length(?)) END"
                : name).toList();
        String sql = "INSERT INTO " + table + " (" + key + ", " + String.join(", ", columns) + ") SELECT ?, "
                + String.join(", ", values) + " FROM " + table + " WHERE " + key + " = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int p = 1;
            s.setString(p++, to);
            if (columns.contains("stac_json")) {
                s.setString(p++, was);
                s.setString(p++, now);
                s.setString(p++, was);
                s.setString(p++, was);
            }
            s.setString(p, from);
            s.executeUpdate();
        }
    }

    /** Attaches a DOI to a release that has none; false when it has one already (the caller says which). */
    public boolean attachDoi(Release release, String doi) {
        String sql = "UPDATE collection_release SET doi = ? WHERE collection_id = ? AND version = ? AND doi IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, doi);
            s.setString(2, release.collectionId());
            s.setString(3, release.version());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw CatalogFailures.of("a DOI cannot be attached to " + release.id(), e);
        }
    }

    /** The release of {@code collectionId} called {@code version}. */
    public Optional<Release> find(String collectionId, String version) {
        return list(collectionId).stream().filter(r -> r.version().equals(version)).findFirst();
    }
}
