package io.patchserve.ingest;

import io.patchserve.catalog.CatalogWriter;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.config.IngestConfig;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ingest runs started over HTTP: {@code POST /collections/{cid}/imports} with a source inside the configured
 * import root (a mounted volume), watched at {@code GET /imports/{id}}. Runs are kept in this replica's
 * memory (the last {@value #KEPT}); a Kubernetes Job (k8s/jobs/ingest) is the durable way for big releases.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final int KEPT = 200;

    private final IngestService ingest;
    private final StacItemsLoader itemsLoader;
    private final IngestConfig config;
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, ImportRun> byId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImportRun> eldest) {
            return size() > KEPT && eldest.getValue().finishedAt() != null;
        }
    };

    public ImportService(IngestService ingest, StacItemsLoader itemsLoader, IngestConfig config) {
        this.ingest = ingest;
        this.itemsLoader = itemsLoader;
        this.config = config;
    }

    /** One import: what was asked, and the report that fills in as it runs. */
    public static final class ImportRun {
        final String id;
        final String collectionId;
        final String format;
        final String source;
        final Instant startedAt = Instant.now();
        final IngestReport report;
        volatile Instant finishedAt;

        ImportRun(String id, String collectionId, String format, String source, IngestReport report) {
            this.id = id;
            this.collectionId = collectionId;
            this.format = format;
            this.source = source;
            this.report = report;
        }

        public Instant finishedAt() {
            return finishedAt;
        }

        public String state() {
            return finishedAt == null ? "running" : report.succeeded() ? "succeeded" : "failed";
        }
    }

    public ImportRun start(String collectionId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be {\"format\": ..., \"source\": ...}");
        }
        String format = body.path("format").asText("");
        String sourceName = body.path("source").asText("");
        if (!format.equals(StacItemsLoader.FORMAT)) {
            ingest.format(format); // 400 for an unknown format
        }
        Path source = resolve(sourceName);
        var overrides = new IngestService.CollectionOverrides(textOrNull(body, "title"), textOrNull(body, "description"),
                textOrNull(body, "license"));
        CatalogWriter.requireValidCollectionId(collectionId);
        IngestReport report = ingest.newReport(format, collectionId);
        ImportRun run = new ImportRun(UUID.randomUUID().toString(), collectionId, format, sourceName, report);
        synchronized (byId) {
            byId.put(run.id, run);
        }
        runs.submit(() -> {
            try {
                if (format.equals(StacItemsLoader.FORMAT)) {
                    itemsLoader.load(collectionId, source, overrides, report);
                } else {
                    ingest.ingest(format, collectionId, source, overrides, Shard.ALL, report);
                }
            } catch (RuntimeException e) {
                report.fail(e.getMessage());
                LOG.errorf(e, "import %s failed", run.id);
            } finally {
                run.finishedAt = Instant.now();
            }
        });
        return run;
    }

    public ImportRun get(String id) {
        synchronized (byId) {
            ImportRun run = byId.get(id);
            if (run == null) {
                throw ApiException.notFound("import '" + id + "' is not known to this replica (imports are kept in memory)");
            }
            return run;
        }
    }

    /** The source, inside the import root: no absolute paths, no way out with ".." or through a link. */
    private Path resolve(String name) {
        if (config.importRoot().isEmpty()) {
            throw new ApiException(ErrorCode.IMPORTS_DISABLED,
                    "imports are off: set patchserve.ingest.import-root to the folder that holds releases");
        }
        if (name.isBlank()) {
            throw ApiException.badRequest("source names a folder or archive inside the import root");
        }
        try {
            Path root = config.importRoot().get().toRealPath();
            Path source = root.resolve(name).normalize();
            if (!source.startsWith(root) || Path.of(name).isAbsolute()) {
                throw ApiException.badRequest("source must stay inside the import root");
            }
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw ApiException.badRequest("source '" + name + "' does not exist in the import root");
            }
            // a link inside the root may point anywhere: what counts is where it leads
            if (!source.toRealPath().startsWith(root)) {
                throw ApiException.badRequest("source '" + name + "' leads out of the import root (a link)");
            }
            return source.toRealPath();
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("source '" + name + "' is not a path (it holds a character no file name may hold)");
        } catch (IOException e) {
            throw ApiException.badRequest("source '" + name + "' cannot be opened: " + e.getMessage());
        }
    }

    private static String textOrNull(JsonNode body, String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }

    @PreDestroy
    void stop() {
        runs.shutdownNow();
    }
}
