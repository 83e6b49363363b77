package io.patchserve.table;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.patchserve.config.BundleConfig;
import io.patchserve.config.TempConfig;
import io.patchserve.error.ApiException;
import io.patchserve.http.Download;
import io.patchserve.http.EntityTags;
import io.patchserve.http.Links;
import io.patchserve.http.TemporaryFileDownload;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchService;
import io.patchserve.storage.Digests;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A search's items as a table, for pandas and geopandas: CSV (one row per item, properties as columns) and
 * GeoParquet in stac-geoparquet's layout. The matches are written once, page by page, to a temporary
 * newline-delimited JSON file (memory stays flat whatever the count); DuckDB turns that file into Parquet with
 * its own buffer limit and spill folder, and the CSV is written from it in a second streaming pass once the
 * columns are known. The result is a file, so it is sent with Content-Length, a strong ETag and Range.
 */
@ApplicationScoped
public class TableExport {

    public static final String CSV = "text/csv; charset=utf-8";
    public static final String PARQUET = "application/vnd.apache.parquet";
    private static final int PAGE = 1000;
    /** GeoParquet 1.0: WKB in column geometry, longitude/latitude (no crs member means OGC:CRS84). */
    private static final String GEO = "{\"version\":\"1.0.0\",\"primary_column\":\"geometry\",\"columns\":{\"geometry\":"
            + "{\"encoding\":\"WKB\",\"geometry_types\":[],\"covering\":{\"bbox\":{\"xmin\":[\"bbox\",\"xmin\"],"
            + "\"ymin\":[\"bbox\",\"ymin\"],\"xmax\":[\"bbox\",\"xmax\"],\"ymax\":[\"bbox\",\"ymax\"]}}}}}";

    private final SearchService search;
    private final BundleConfig limits;
    private final TempConfig temp;
    private final ObjectMapper mapper;
    private final Links links;

    public TableExport(SearchService search, BundleConfig limits, TempConfig temp, ObjectMapper mapper, Links links) {
        this.search = search;
        this.limits = limits;
        this.temp = temp;
        this.mapper = mapper;
        this.links = links;
    }

    /** The matches as CSV: fixed columns, then every property seen (sorted), then each asset's href. */
    public Download csv(SearchRequest request, String scope) throws IOException {
        Path rows = Files.createTempFile(Files.createDirectories(temp.dir()), "patchserve-table-", ".ndjson");
        Path csv = rows.resolveSibling(rows.getFileName() + ".csv");
        try {
            ItemRows seen = writeRows(request, rows);
            List<String> columns = new ArrayList<>(List.of("collection", "id", "datetime", "start_datetime",
                    "end_datetime", "xmin", "ymin", "xmax", "ymax"));
            columns.addAll(seen.properties);
            seen.assetKeys.forEach(k -> columns.add("asset:" + k));
            CsvMapper csvMapper = new CsvMapper();
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(csv), 1 << 16);
                 CsvGenerator g = (CsvGenerator) csvMapper.getFactory().createGenerator(out);
                 MappingIterator<JsonNode> items = mapper.readerFor(JsonNode.class).readValues(rows.toFile())) {
                var schema = com.fasterxml.jackson.dataformat.csv.CsvSchema.builder();
                columns.forEach(schema::addColumn);
                g.setSchema(schema.build().withHeader());
                while (items.hasNext()) {
                    JsonNode item = items.next();
                    g.writeStartObject();
                    for (String column : columns) {
                        g.writeFieldName(column);
                        g.writeString(cell(item, column));
                    }
                    g.writeEndObject();
                }
            }
            return download(csv, CSV, scope, "csv", seen.count);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(csv);
            throw e;
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    /** The matches as GeoParquet (stac-geoparquet's columns), zstd-compressed, written by DuckDB. */
    public Download geoParquet(SearchRequest request, String scope) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(temp.dir()), "patchserve-table-");
        Path rows = dir.resolve("items.ndjson");
        Path parquet = Files.createTempFile(temp.dir(), "patchserve-table-", ".parquet");
        try {
            ItemRows seen = writeRows(request, rows);
            Files.delete(parquet); // DuckDB writes it new
            String select = seen.count == 0
                    ? "SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS collection, NULL::BLOB AS geometry WHERE false"
                    : """
                    SELECT * REPLACE (from_hex(geometry::VARCHAR) AS geometry, datetime::TIMESTAMPTZ AS datetime,
                                      start_datetime::TIMESTAMPTZ AS start_datetime, end_datetime::TIMESTAMPTZ AS end_datetime)
                    FROM read_json(%s, format = 'newline_delimited', sample_size = -1, maximum_object_size = 67108864)"""
                    .formatted(literal(rows));
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                // no extension downloads, a bounded buffer pool that spills into the request's folder
                s.execute("SET autoinstall_known_extensions = false");
                s.execute("SET memory_limit = '256MB'");
                s.execute("SET threads = 1");
                s.execute("SET TimeZone = 'UTC'"); // the items' times are UTC instants
                s.execute("SET temp_directory = " + literal(dir.resolve("spill")));
                s.execute("COPY (" + select + ") TO " + literal(parquet) + " (FORMAT parquet, COMPRESSION zstd, "
                        + "KV_METADATA {geo: " + literal(GEO) + "})");
            } catch (SQLException e) {
                throw new IOException("the GeoParquet export failed: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            return download(parquet, PARQUET, scope, "parquet", seen.count);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(parquet);
            throw e;
        } finally {
            org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile());
        }
    }

    /** The finished table, named after its scope and the first 12 hex digits of its digest (like the bundles). */
    private static Download download(Path file, String type, String scope, String extension, long items) throws IOException {
        String digest = Digests.sha256Hex(file);
        return new TemporaryFileDownload(file, type, scope + "-" + digest.substring(0, 12) + "." + extension,
                EntityTags.strong(extension + "-" + digest), Map.of("Patchserve-Items", items));
    }

    private ItemRows writeRows(SearchRequest request, Path file) throws IOException {
        ItemRows rows = new ItemRows(links, mapper);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(new SerializedString("\n"));
            search.forEachPage(request, PAGE, page -> {
                for (var item : page.items()) {
                    if (rows.count >= limits.maxItems()) {
                        throw ApiException.tooLarge("the table would hold more than " + limits.maxItems()
                                + " items (at least " + page.matched() + " match); narrow the search");
                    }
                    rows.write(g, item);
                }
            });
        }
        return rows;
    }

    /** A CSV cell: text as it is, numbers and booleans as JSON writes them, lists and objects as JSON. */
    private static String cell(JsonNode item, String column) {
        JsonNode value;
        if (column.startsWith("asset:")) {
            value = item.path("assets").path(column.substring(6)).path("href");
        } else if (column.length() == 4 && column.matches("[xy](min|max)")) {
            value = item.path("bbox").path(column);
        } else {
            value = item.path(column);
        }
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** A SQL string literal (DuckDB takes no bind parameters in COPY). */
    private static String literal(Object value) {
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
