package io.patchserve.ingest;

import io.agroal.api.AgroalDataSource;
import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What a run found, so a rerun mirrors its source (tables ingest_run and ingest_seen, V19): the items each shard
 * published or found unchanged are recorded as it goes; when the last shard of the run finishes, the
 * collection's items no shard found are the ones to withdraw.
 */
@ApplicationScoped
public class IngestRuns {

    private final AgroalDataSource dataSource;

    public IngestRuns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Registers the run (its shards share the id) unless a shard already did; 400 when it names another collection. */
    public void begin(UUID run, String collectionId, int shards) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO ingest_run (id, collection_id, shards) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING""");
             PreparedStatement check = c.prepareStatement("SELECT collection_id, shards FROM ingest_run WHERE id = ?")) {
            s.setObject(1, run);
            s.setString(2, collectionId);
            s.setInt(3, shards);
            s.executeUpdate();
            check.setObject(1, run);
            try (ResultSet r = check.executeQuery()) {
                r.next();
                if (!r.getString(1).equals(collectionId) || r.getInt(2) != shards) {
                    throw ApiException.badRequest("run " + run + " is a run of " + r.getString(1) + " in " + r.getInt(2)
                            + " shards; its shards must name the same collection and shard count");
                }
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    /** Records items the run found. */
    public void seen(UUID run, Collection<String> itemIds) {
        if (itemIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO ingest_seen (run_id, item_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING""")) {
            s.setObject(1, run);
            s.setArray(2, c.createArrayOf("text", itemIds.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    /**
     * Marks a shard finished. When that completes the run, returns the collection's items no shard found (to be
     * withdrawn) and how many it found, and closes the run; otherwise returns null (other shards are still going).
     */
    public Completion finish(UUID run, int shard) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String collectionId;
                int shards;
                Integer[] finished;
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE ingest_run SET finished_shards = array(SELECT DISTINCT unnest(finished_shards || ?::integer))
                        WHERE id = ? RETURNING collection_id, shards, finished_shards, finished""")) {
                    s.setInt(1, shard);
                    s.setObject(2, run);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        collectionId = r.getString(1);
                        shards = r.getInt(2);
                        finished = (Integer[]) r.getArray(3).getArray();
                        if (r.getTimestamp(4) != null) {
                            c.commit();
                            return null; // a shard run again after the run closed: the withdrawal was done once
                        }
                    }
                }
                if (finished.length < shards) {
                    c.commit();
                    return null;
                }
                List<String> missing = new ArrayList<>();
                long found;
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT i.id FROM item i WHERE i.collection_id = ?
                        AND NOT EXISTS (SELECT 1 FROM ingest_seen s WHERE s.run_id = ? AND s.item_id = i.id) ORDER BY i.id""");
                     PreparedStatement n = c.prepareStatement("SELECT count(*) FROM ingest_seen WHERE run_id = ?")) {
                    s.setString(1, collectionId);
                    s.setObject(2, run);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            missing.add(r.getString(1));
                        }
                    }
                    n.setObject(1, run);
                    try (ResultSet r = n.executeQuery()) {
                        r.next();
                        found = r.getLong(1);
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE ingest_run SET finished = now() WHERE id = ?");
                     PreparedStatement d = c.prepareStatement("DELETE FROM ingest_seen WHERE run_id = ?")) {
                    s.setObject(1, run);
                    s.executeUpdate();
                    d.setObject(1, run);
                    d.executeUpdate();
                }
                c.commit();
                return new Completion(collectionId, found, missing);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    /** Records how many items the completed run withdrew. */
    public void withdrew(UUID run, long withdrawn) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_run SET withdrawn = ? WHERE id = ?")) {
            s.setLong(1, withdrawn);
            s.setObject(2, run);
            s.executeUpdate();
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    /** A completed run: the items it found, and the collection's items it did not. */
    public record Completion(String collectionId, long found, List<String> missing) {
    }
}
