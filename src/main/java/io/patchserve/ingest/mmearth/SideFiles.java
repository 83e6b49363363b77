package io.patchserve.ingest.mmearth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * MMEarth's tile_info.json (tile id -> lat, lon, CRS, date ...) and splits.json (split -> row indexes) hold one
 * entry per row: over a hundred MB for the full release. They are streamed once into staging tables (COPY) and
 * looked up a batch of rows at a time, so ingest memory does not grow with the number of rows.
 */
@ApplicationScoped
public class SideFiles {

    private static final int COPY_BUFFER = 1 << 16;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final JsonFactory json;

    public SideFiles(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.json = mapper.getFactory();
    }

    /** Stages both files under a new run id; stale runs (over a day old) are dropped on the way. */
    public UUID stage(Path tileInfo, Path splits) throws IOException, SQLException {
        UUID run = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM ingest_side_tile WHERE created < now() - interval '1 day'");
                s.executeUpdate("DELETE FROM ingest_side_split WHERE created < now() - interval '1 day'");
            }
            stageTiles(c, run, tileInfo);
            stageSplits(c, run, splits);
        }
        return run;
    }

    private void stageTiles(Connection c, UUID run, Path file) throws IOException, SQLException {
        copyFromJson(c, "COPY ingest_side_tile (run_id, tile_id, info) FROM STDIN", file, (p, rows) -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String tile = p.currentName();
                p.nextToken();
                JsonNode info = mapper.readTree(p);
                rows.add(run + "\t" + escape(tile) + "\t" + escape(mapper.writeValueAsString(info)) + "\n");
            }
        });
    }

    private void stageSplits(Connection c, UUID run, Path file) throws IOException, SQLException {
        copyFromJson(c, "COPY ingest_side_split (run_id, row_index, split) FROM STDIN", file, (p, rows) -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String split = escape(p.currentName());
                expect(p.nextToken(), JsonToken.START_ARRAY, file);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    rows.add(run + "\t" + p.getLongValue() + "\t" + split + "\n");
                }
            }
        });
    }

    /** Reads a JSON object from {@code file} with {@code reader}, sending the rows it makes through one COPY. */
    private void copyFromJson(Connection c, String copySql, Path file, JsonRows reader) throws IOException, SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try (JsonParser p = json.createParser(file.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file);
            CopyRows rows = new CopyRows(copy);
            reader.read(p, rows);
            rows.flush();
            copy.endCopy();
        } catch (IOException | SQLException | RuntimeException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
    }

    private interface JsonRows {
        void read(JsonParser parser, CopyRows rows) throws IOException, SQLException;
    }

    /** COPY text lines, sent in batches of about 64 KiB. */
    private static final class CopyRows {
        private final CopyIn copy;
        private final StringBuilder batch = new StringBuilder();

        CopyRows(CopyIn copy) {
            this.copy = copy;
        }

        void add(String line) throws SQLException {
            batch.append(line);
            if (batch.length() > COPY_BUFFER) {
                flush();
            }
        }

        void flush() throws SQLException {
            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            batch.setLength(0);
        }
    }

    private static void expect(JsonToken got, JsonToken wanted, Path file) throws IOException {
        if (got != wanted) {
            throw new IOException(file.getFileName() + ": expected " + wanted + " but found " + got);
        }
    }

    /** COPY text format: backslash, tab and line breaks are escaped. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** The tile_info entries of {@code tiles} (missing ids are absent from the map). */
    public Map<String, JsonNode> tiles(UUID run, List<String> tiles) throws SQLException, IOException {
        Map<String, JsonNode> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT tile_id, info::text FROM ingest_side_tile WHERE run_id = ? AND tile_id = ANY (?)")) {
            s.setObject(1, run);
            s.setArray(2, c.createArrayOf("text", tiles.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), mapper.readTree(r.getString(2)));
                }
            }
        }
        return out;
    }

    /** Row index -> split for rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Map<Long, String> splits(UUID run, long from, long to) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT row_index, split FROM ingest_side_split WHERE run_id = ? AND row_index >= ? AND row_index < ?")) {
            s.setObject(1, run);
            s.setLong(2, from);
            s.setLong(3, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getLong(1), r.getString(2));
                }
            }
        }
        return out;
    }

    public void drop(UUID run) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement tiles = c.prepareStatement("DELETE FROM ingest_side_tile WHERE run_id = ?");
             PreparedStatement splits = c.prepareStatement("DELETE FROM ingest_side_split WHERE run_id = ?")) {
            tiles.setObject(1, run);
            tiles.executeUpdate();
            splits.setObject(1, run);
            splits.executeUpdate();
        } catch (SQLException e) {
            // staged rows of a finished run are dropped with stale ones by a later run
        }
    }
}
