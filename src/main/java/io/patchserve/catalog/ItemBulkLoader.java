package io.patchserve.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Loads item rows in bulk: each batch is COPYed into a temporary table and merged into {@code item} in one
 * transaction (insert, or update when the content digest differs). Metadata only: an existing item keeps
 * the assets it has, so a bulk load never orphans stored objects.
 */
@ApplicationScoped
public class ItemBulkLoader {

    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS item_stage (
              ord int, collection_id text, id text, geometry geometry, datetime timestamptz,
              start_datetime timestamptz, end_datetime timestamptz, properties jsonb, assets jsonb, content_hash text
            ) ON COMMIT DELETE ROWS""";
    /**
     * The latest row per item wins; rows go in ordered by footprint (PostGIS orders geometries along a
     * space-filling curve), so the neighbours a bbox or intersects search reads share heap pages instead of each
     * costing a page of its own (measured in bench/README.md).
     */
    private static final String MERGE = """
            INSERT INTO item AS t (collection_id, id, geometry, datetime, start_datetime, end_datetime, properties, assets, content_hash)
            SELECT * FROM (
              SELECT DISTINCT ON (collection_id, id) collection_id, id, ST_SetSRID(geometry, 4326) AS geometry, datetime,
                     start_datetime, end_datetime, properties, assets, content_hash
              FROM item_stage ORDER BY collection_id, id, ord DESC) latest
            ORDER BY geometry
            ON CONFLICT (collection_id, id) DO UPDATE SET
              geometry = EXCLUDED.geometry, datetime = EXCLUDED.datetime, start_datetime = EXCLUDED.start_datetime,
              end_datetime = EXCLUDED.end_datetime, properties = EXCLUDED.properties,
              content_hash = EXCLUDED.content_hash, updated = now()
            WHERE t.content_hash <> EXCLUDED.content_hash
            RETURNING (xmax = 0) AS inserted""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ItemBulkLoader(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** What one batch did. Rows neither inserted nor updated were unchanged. */
    public record BatchResult(int inserted, int updated, int unchanged) {
    }

    public BatchResult load(List<NewItem> batch) {
        if (batch.isEmpty()) {
            return new BatchResult(0, 0, 0);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(STAGE);
                }
                copy(connection, batch);
                int inserted = 0;
                int updated = 0;
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(MERGE)) {
                    while (rs.next()) {
                        if (rs.getBoolean(1)) {
                            inserted++;
                        } else {
                            updated++;
                        }
                    }
                }
                connection.commit();
                return new BatchResult(inserted, updated, batch.size() - inserted - updated);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("bulk load failed: " + e.getMessage(), e);
        }
    }

    private void copy(Connection connection, List<NewItem> batch) throws SQLException, IOException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY item_stage (ord, collection_id, id, geometry, datetime, start_datetime, end_datetime, properties, assets, content_hash) FROM STDIN");
        try {
            WKBWriter wkb = new WKBWriter(2, true);
            StringBuilder line = new StringBuilder(1024);
            int ord = 0;
            for (NewItem item : batch) {
                line.setLength(0);
                line.append(ord++).append('\t');
                field(line, item.collectionId());
                field(line, item.id());
                field(line, item.geometry() == null ? null : WKBWriter.toHex(wkb.write(item.geometry())));
                field(line, item.datetime() == null ? null : item.datetime().toString());
                field(line, item.startDatetime() == null ? null : item.startDatetime().toString());
                field(line, item.endDatetime() == null ? null : item.endDatetime().toString());
                field(line, mapper.writeValueAsString(item.properties()));
                field(line, mapper.writeValueAsString(item.assets()));
                line.append(escape(item.contentHash())).append('\n');
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void field(StringBuilder line, String value) {
        line.append(value == null ? "\\N" : escape(value)).append('\t');
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
