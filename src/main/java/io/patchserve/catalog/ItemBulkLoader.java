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
              start_datetime timestamptz, end_datetime timestamptz, properties jsonb, assets jsonb, content_hash text,
              stac_json text
            ) ON COMMIT DELETE ROWS""";
    /**
     * The latest row per item wins; rows go in ordered by footprint (PostGIS orders geometries along a
     * space-filling curve), so the neighbours a bbox or intersects search reads share heap pages instead of each
     * costing a page of its own (measured in bench/README.md). An existing item keeps its assets, so its stored
     * JSON (which shows them) is replaced only when the assets are the ones it was rendered with; otherwise it is
     * dropped and the item rendered from its columns. An item whose stored JSON is missing or of another
     * renderer version is rewritten even when its content is unchanged, so that loading a release again
     * refreshes it.
     */
    private static final String MERGE = """
            INSERT INTO item AS t (collection_id, id, geometry, datetime, start_datetime, end_datetime, properties, assets,
                                   content_hash, stac_json, stac_json_version)
            SELECT * FROM (
              SELECT DISTINCT ON (collection_id, id) collection_id, id, ST_SetSRID(geometry, 4326) AS geometry, datetime,
                     start_datetime, end_datetime, properties, assets, content_hash, stac_json, %1$d::smallint
              FROM item_stage ORDER BY collection_id, id, ord DESC) latest
            ORDER BY geometry
            ON CONFLICT (collection_id, id) DO UPDATE SET
              geometry = EXCLUDED.geometry, datetime = EXCLUDED.datetime, start_datetime = EXCLUDED.start_datetime,
              end_datetime = EXCLUDED.end_datetime, properties = EXCLUDED.properties,
              content_hash = EXCLUDED.content_hash, updated = now(),
              stac_json = CASE WHEN t.assets = EXCLUDED.assets THEN EXCLUDED.stac_json END,
              stac_json_version = CASE WHEN t.assets = EXCLUDED.assets THEN EXCLUDED.stac_json_version END
            WHERE t.content_hash <> EXCLUDED.content_hash
               OR (t.stac_json_version IS DISTINCT FROM %1$d AND t.assets = EXCLUDED.assets)
            RETURNING (xmax = 0) AS inserted""".formatted(StoredItemJson.VERSION);

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final StacRenderer stac;

    public ItemBulkLoader(AgroalDataSource dataSource, ObjectMapper mapper, StacRenderer stac) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.stac = stac;
    }

    /** What one batch did. Rows neither inserted nor updated were unchanged. */
    public record BatchResult(int inserted, int updated, int unchanged) {
    }

    /**
     * Loads one batch in one transaction. Its commit does not wait for the disk: the batch is durable once any
     * later transaction on the database has committed normally, as the load's closing summary does
     * ({@code CatalogWriter.reconcile}), so a load reports success only with every batch on disk.
     */
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
                    // A batch's commit need not wait for its WAL to reach the disk: the load's closing summary
                    // commit waits for everything written before it, and a load cut short is run again.
                    statement.execute("SET LOCAL synchronous_commit = off");
                    // The pool's connections force custom plans (for searches), which made the foreign-key check
                    // of every inserted row plan its collection lookup anew: half of the check's time (perf).
                    statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
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
                "COPY item_stage (ord, collection_id, id, geometry, datetime, start_datetime, end_datetime, properties, assets, content_hash, stac_json) FROM STDIN");
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
                field(line, item.contentHash());
                line.append(escape(stac.storedJson(ItemRow.of(item, mapper)))).append('\n');
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
