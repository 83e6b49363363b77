package io.patchserve.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** HTTP imports in PostGIS (table import_run, V20): written as they start, beat and end; read by any replica. */
@ApplicationScoped
public class ImportStore {

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ImportStore(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Records an import starting, or an interrupted one started again under its id. */
    void started(String id, String collectionId, JsonNode request, String isolation) {
        update("""
                INSERT INTO import_run (id, collection_id, request, isolation, state, started, heartbeat)
                VALUES (?, ?, ?::jsonb, ?, 'running', now(), now())
                ON CONFLICT (id) DO UPDATE SET state = 'running', isolation = excluded.isolation, report = NULL,
                    finished = NULL, heartbeat = now()""", id, collectionId, json(request), isolation);
    }

    /** The import is alive, with its counts so far. */
    void beat(String id, ReportSnapshot report) {
        update("UPDATE import_run SET report = ?::jsonb, heartbeat = now() WHERE id = ? AND state = 'running'", json(report), id);
    }

    void finished(String id, ReportSnapshot report) {
        update("UPDATE import_run SET report = ?::jsonb, state = ?, finished = now(), heartbeat = now() WHERE id = ?",
                json(report), report.succeeded() ? "succeeded" : "failed", id);
    }

    /** The import as recorded; a running one whose heartbeat is older than {@code stale} is interrupted. */
    Optional<ImportStatus> find(String id, Duration stale) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT collection_id, request::text, isolation, state, report::text, started, finished,
                            heartbeat < now() - ? * interval '1 millisecond'
                     FROM import_run WHERE id = ?""")) {
            s.setLong(1, stale.toMillis());
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String state = r.getString(4).equals("running") && r.getBoolean(8) ? "interrupted" : r.getString(4);
                ReportSnapshot report = r.getString(5) == null ? new ReportSnapshot(0, 0, 0, 0, 0, null, java.util.List.of())
                        : mapper.readValue(r.getString(5), ReportSnapshot.class);
                return Optional.of(new ImportStatus(id, r.getString(1), mapper.readTree(r.getString(2)), r.getString(3), state,
                        instant(r.getTimestamp(6)), instant(r.getTimestamp(7)), report));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an import's request and report are plain data", e);
        }
    }

    private void update(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }
}
