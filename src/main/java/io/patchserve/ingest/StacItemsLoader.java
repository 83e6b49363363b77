package io.patchserve.ingest;

import io.patchserve.storage.Digests;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.catalog.CatalogWriter;
import io.patchserve.catalog.TransactionService;
import io.patchserve.catalog.CollectionSummary;
import io.patchserve.stac.GeoJson;
import io.patchserve.catalog.ItemBulkLoader;
import io.patchserve.catalog.NewCollection;
import io.patchserve.catalog.NewItem;
import io.patchserve.config.IngestConfig;
import io.patchserve.stac.Rfc3339;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;

/**
 * Bulk-loads item metadata from newline-delimited STAC Items (.ndjson, or .ndjson.gz), in COPY batches. For
 * catalogues whose objects live elsewhere, and for load tests: assets in the lines are not stored (an item
 * is only given assets by an ingest that stored their objects). A bad line is skipped with its reason.
 */
@ApplicationScoped
public class StacItemsLoader {

    public static final String FORMAT = "stac-items";
    private static final Logger LOG = Logger.getLogger(StacItemsLoader.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    static final int BATCH = 5000;

    private final ItemBulkLoader loader;
    private final IngestRuns runs;
    private final TransactionService transactions;
    private final CatalogWriter writer;
    private final ObjectMapper mapper;
    /** Footprints are most of a line's numbers: parsed with Jackson's faster (still exact) double parser. */
    private final ObjectReader lineReader;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final IngestLimits limits;

    public StacItemsLoader(ItemBulkLoader loader, CatalogWriter writer, ObjectMapper mapper, IngestMetrics metrics,
                           IngestConfig config, IngestLimits limits, IngestRuns runs, TransactionService transactions) {
        this.runs = runs;
        this.transactions = transactions;
        this.metrics = metrics;
        this.config = config;
        this.limits = limits;
        this.loader = loader;
        this.writer = writer;
        this.mapper = mapper;
        this.lineReader = mapper.reader().with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
    }

    public IngestReport load(String collectionId, Path file, IngestService.CollectionOverrides overrides) {
        return load(collectionId, file, overrides, newReport(collectionId));
    }

    /** A report that counts into the metrics; pass it to load to watch a run from another thread. */
    public IngestReport newReport(String collectionId) {
        return new IngestReport(FORMAT, collectionId, metrics);
    }

    public IngestReport load(String collectionId, Path file, IngestService.CollectionOverrides overrides, IngestReport report) {
        return load(collectionId, file, overrides, SourceMirror.Options.forRun(Shard.ALL, null, collectionId, false), report);
    }

    /** Loads the file's items; the run mirrors it as {@code mirrorOptions} say (a rerun withdraws items gone from it). */
    public IngestReport load(String collectionId, Path file, IngestService.CollectionOverrides overrides,
                             SourceMirror.Options mirrorOptions, IngestReport report) {
        CatalogWriter.requireValidCollectionId(collectionId);
        NewCollection collection = new NewCollection(collectionId, collectionId,
                "Items loaded from " + file.getFileName(), "proprietary", List.of(), Map.of());
        writer.ensureCollection(collection, overrides == null ? io.patchserve.catalog.CollectionChanges.NONE : overrides.changes());
        SourceMirror mirror = new SourceMirror(runs, transactions, mirrorOptions, collectionId, Shard.ALL);
        CollectionSummary summary = new CollectionSummary();
        long lastLog = System.nanoTime();
        // Parsing the next batch overlaps with the database merging earlier ones, on a few connections at once.
        try (ConcurrentBatches database = new ConcurrentBatches(config.bulkLoadConnections());
             InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             LineReader lines = new LineReader(in, limits.lineBytes())) {
            List<NewItem> batch = new ArrayList<>(BATCH);
            LineReader.Line next;
            long number = 0;
            while ((next = lines.next()) != null) {
                number++;
                if (next.tooLong()) {
                    report.skip(new Skipped(file.getFileName() + ":" + number, "a line of " + next.bytes()
                            + " bytes is longer than the " + limits.lineBytes() + " read here (patchserve.ingest.max-line-bytes)"));
                    continue;
                }
                String line = next.text();
                if (line.isBlank()) {
                    continue;
                }
                try {
                    NewItem item = item(collectionId, line);
                    batch.add(item);
                    summary.add(item);
                    mirror.found(item.id());
                } catch (IllegalArgumentException e) {
                    report.skip(new Skipped(file.getFileName() + ":" + number, e.getMessage()));
                }
                if (batch.size() == BATCH) {
                    flush(database, batch, report, summary);
                    batch = new ArrayList<>(BATCH);
                    if (System.nanoTime() - lastLog > 5_000_000_000L) {
                        lastLog = System.nanoTime();
                        LOG.info(report.progressLine());
                    }
                }
            }
            flush(database, batch, report, summary);
            database.finish();
        } catch (ExecutionException e) {
            report.fail(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.fail("interrupted");
        } catch (IOException | RuntimeException e) {
            report.fail(e.getMessage());
        }
        mirror.complete(Shard.ALL, report);
        if (report.created() + report.updated() + report.withdrawn() > 0) {
            writer.reconcile(collectionId, summary);
            writer.analyze();
        }
        LOG.info(report.progressLine());
        return report;
    }

    /** Hands the batch to a database thread once one is free (and no batch in flight has one of its items). */
    private void flush(ConcurrentBatches database, List<NewItem> batch, IngestReport report, CollectionSummary summary)
            throws ExecutionException, InterruptedException {
        Set<String> ids = new HashSet<>(batch.size() * 2);
        for (NewItem item : batch) {
            ids.add(item.id());
        }
        database.submit(ids, () -> {
            ItemBulkLoader.BatchResult result = loader.load(batch);
            report.add(result.inserted(), result.updated(), result.unchanged());
        });
    }

    NewItem item(String collectionId, String line) {
        JsonNode node;
        try {
            node = lineReader.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (!node.isObject() || !"Feature".equals(node.path("type").asText())) {
            throw new IllegalArgumentException("not a STAC Item (type must be Feature)");
        }
        String id = node.path("id").asText("");
        if (id.isEmpty() || id.length() > 256) {
            throw new IllegalArgumentException("id must be 1-256 characters");
        }
        String itemCollection = node.path("collection").asText(collectionId);
        if (!itemCollection.equals(collectionId)) {
            throw new IllegalArgumentException("item " + id + " belongs to collection '" + itemCollection + "'");
        }
        JsonNode geometryNode = node.get("geometry");
        Geometry geometry = geometryNode == null || geometryNode.isNull() ? null : GeoJson.read(geometryNode);
        if (!(node.get("properties") instanceof ObjectNode properties)) {
            throw new IllegalArgumentException("item " + id + " has no properties object");
        }
        Instant datetime = instant(properties.remove("datetime"), "datetime");
        Instant start = instant(properties.remove("start_datetime"), "start_datetime");
        Instant end = instant(properties.remove("end_datetime"), "end_datetime");
        if (datetime == null && (start == null || end == null)) {
            throw new IllegalArgumentException("item " + id + " needs datetime, or start_datetime and end_datetime");
        }
        if ((start == null) != (end == null)) {
            throw new IllegalArgumentException("item " + id + " has only one of start_datetime and end_datetime");
        }
        if (start != null && start.isAfter(end)) {
            throw new IllegalArgumentException("item " + id + " starts after it ends");
        }
        Map<String, Object> props = mapper.convertValue(properties, MAP);
        var digest = Digests.sha256();
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        return new NewItem(collectionId, id, geometry, datetime, start, end, new LinkedHashMap<>(props), Map.of(),
                Digests.hex(digest));
    }

    private static Instant instant(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Rfc3339.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }
}
