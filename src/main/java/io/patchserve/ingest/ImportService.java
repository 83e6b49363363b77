package io.patchserve.ingest;

import io.patchserve.catalog.CatalogWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.config.TempConfig;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ingest runs started over HTTP: {@code POST /collections/{cid}/imports} with a source inside the configured
 * import root (a mounted volume), watched at {@code GET /imports/{id}}. The replica running an import keeps it in
 * memory (the last {@value #KEPT}) and records it in PostGIS as it starts, every heartbeat and as it ends
 * ({@link ImportStore}), so every replica answers for it; one whose replica died shows as interrupted and
 * {@code POST /imports/{id}/resume} runs it again.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final int KEPT = 200;

    private final IngestService ingest;
    private final StacItemsLoader itemsLoader;
    private final IngestConfig config;
    private final TempConfig temp;
    private final ObjectMapper mapper;
    private final Map<String, ImportProcess> children = new ConcurrentHashMap<>();
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, ImportRun> byId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImportRun> eldest) {
            return size() > KEPT && eldest.getValue().finishedAt() != null;
        }
    };

    private final ImportStore store;
    private final java.util.concurrent.ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("import-heartbeat").factory());

    public ImportService(IngestService ingest, StacItemsLoader itemsLoader, IngestConfig config, TempConfig temp,
                         ObjectMapper mapper, ImportStore store) {
        this.store = store;
        long every = Math.max(100, config.importHeartbeat().toMillis());
        beats.scheduleWithFixedDelay(this::beat, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        this.ingest = ingest;
        this.itemsLoader = itemsLoader;
        this.config = config;
        this.temp = temp;
        this.mapper = mapper;
    }

    /** One import: what was asked, and its report as it fills in. */
    public static final class ImportRun {
        final String id;
        final String collectionId;
        final String format;
        final String source;
        final JsonNode request;
        final boolean isolated;
        final Instant startedAt = Instant.now();
        volatile Supplier<ReportSnapshot> progress;
        volatile ReportSnapshot result;
        volatile Instant finishedAt;

        ImportRun(String id, String collectionId, JsonNode request, boolean isolated) {
            this.id = id;
            this.collectionId = collectionId;
            this.request = request;
            this.format = request.path("format").asText("");
            this.source = request.path("source").asText("");
            this.isolated = isolated;
        }

        ImportStatus status() {
            return new ImportStatus(id, collectionId, request, isolated ? "process" : "in-service", state(), startedAt,
                    finishedAt, report());
        }

        public Instant finishedAt() {
            return finishedAt;
        }

        /** The report now: final once the run is done. */
        public ReportSnapshot report() {
            ReportSnapshot done = result;
            return done != null ? done : progress.get();
        }

        public String state() {
            return finishedAt == null ? "running" : report().succeeded() ? "succeeded" : "failed";
        }
    }

    private static final java.util.Set<String> IMPORT_KEYS = new java.util.TreeSet<>(List.of("format", "source", "title", "description", "license"));

    public ImportStatus start(String collectionId, JsonNode body) {
        return launch(UUID.randomUUID().toString(), collectionId, body).status();
    }

    /**
     * Runs an import again under its id: one that was interrupted (its replica died) or failed (an outage). What
     * had landed is found unchanged, so it goes on where it stopped. 409 for one running or succeeded.
     */
    public ImportStatus resume(String id) {
        ImportStatus status = status(id);
        if (status.state().equals("running") || status.state().equals("succeeded")) {
            throw new ApiException(ErrorCode.CONFLICT, "import " + id + " is " + status.state()
                    + "; only an interrupted or failed import can be resumed");
        }
        return launch(id, status.collectionId(), status.request()).status();
    }

    private ImportRun launch(String id, String collectionId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be {\"format\": ..., \"source\": ...}");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!IMPORT_KEYS.contains(key)) {
                throw ApiException.badRequest("unknown import field '" + key + "'; an import takes " + IMPORT_KEYS
                        + " (a dataset card is set with PUT /collections/{id}/card)");
            }
        });
        String format = body.path("format").asText("");
        String sourceName = body.path("source").asText("");
        if (!format.equals(StacItemsLoader.FORMAT)) {
            ingest.format(format); // 400 for an unknown format
        }
        Path source = resolve(sourceName);
        var overrides = new IngestService.CollectionOverrides(textOrNull(body, "title"), textOrNull(body, "description"),
                textOrNull(body, "license"));
        CatalogWriter.requireValidCollectionId(collectionId);
        Optional<Path> runner = isolation();
        ImportRun run = new ImportRun(id, collectionId, body, runner.isPresent());
        store.started(run.id, collectionId, body, runner.isPresent() ? "process" : "in-service");
        if (runner.isPresent()) {
            startProcess(run, runner.get(), commandLine(format, collectionId, overrides, source));
        } else {
            startInService(run, format, source, overrides);
        }
        synchronized (byId) {
            byId.put(run.id, run);
        }
        return run;
    }

    /** The {@code ingest} command line of an import run as a process of its own. */
    private static List<String> commandLine(String format, String collectionId, IngestService.CollectionOverrides overrides,
                                            Path source) {
        List<String> arguments = new ArrayList<>(List.of("--format", format, "--collection", collectionId));
        for (var option : Map.of("--title", overrides.title() == null ? "" : overrides.title(),
                "--description", overrides.description() == null ? "" : overrides.description(),
                "--license", overrides.license() == null ? "" : overrides.license()).entrySet()) {
            if (!option.getValue().isEmpty()) {
                arguments.addAll(List.of(option.getKey(), option.getValue()));
            }
        }
        arguments.add(source.toString());
        return arguments;
    }

    private void startProcess(ImportRun run, Path runner, List<String> arguments) {
        ImportProcess child;
        try {
            child = ImportProcess.start(runner, config.importHeap(), arguments, temp.dir().resolve("patchserve-imports"), mapper);
        } catch (IOException e) {
            throw ApiException.unavailable("the import process cannot be started: " + e.getMessage(), e);
        }
        run.progress = child::snapshot;
        children.put(run.id, child);
        runs.submit(() -> finish(run, () -> child.await()));
    }

    private void startInService(ImportRun run, String format, Path source, IngestService.CollectionOverrides overrides) {
        IngestReport report = ingest.newReport(format, run.collectionId);
        run.progress = () -> ReportSnapshot.of(report);
        runs.submit(() -> finish(run, () -> {
            if (format.equals(StacItemsLoader.FORMAT)) {
                itemsLoader.load(run.collectionId, source, overrides, report);
            } else {
                ingest.ingest(format, run.collectionId, source, overrides, Shard.ALL, report);
            }
            return ReportSnapshot.of(report);
        }));
    }

    /** How an import runs: in a process of its own when the service runs from its jar (and is not told otherwise). */
    private Optional<Path> isolation() {
        return switch (config.importIsolation()) {
            case "in-service" -> Optional.empty();
            case "process" -> Optional.of(ImportProcess.runnerJar().orElseThrow(() -> ApiException.unavailable(
                    "imports are to run as processes, but this service was not started from its jar", null)));
            default -> ImportProcess.runnerJar();
        };
    }

    @FunctionalInterface
    private interface Run {
        ReportSnapshot call() throws Exception;
    }

    private void finish(ImportRun run, Run body) {
        try {
            run.result = body.call();
        } catch (Exception e) {
            run.result = run.report().failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.errorf(e, "import %s failed", run.id);
        } finally {
            run.finishedAt = Instant.now();
            children.remove(run.id);
            try {
                store.finished(run.id, run.result);
            } catch (RuntimeException e) {
                LOG.warnf("import %s ended (%s) but could not be recorded: %s", run.id, run.state(), e.getMessage());
            }
        }
    }

    /** Records every running import's counts: they are alive, and any replica can show how far they are. */
    private void beat() {
        List<ImportRun> running;
        synchronized (byId) {
            running = byId.values().stream().filter(r -> r.finishedAt == null).toList();
        }
        for (ImportRun run : running) {
            try {
                store.beat(run.id, run.report());
            } catch (RuntimeException e) {
                LOG.debugf("heartbeat of import %s not recorded: %s", run.id, e.getMessage()); // the next one may be
            }
        }
    }

    /** An import's status: this replica's own when it runs it (freshest), else as recorded. */
    public ImportStatus status(String id) {
        synchronized (byId) {
            ImportRun run = byId.get(id);
            if (run != null) {
                return run.status();
            }
        }
        return store.find(id, config.importHeartbeat().multipliedBy(5))
                .orElseThrow(() -> ApiException.notFound("there is no import '" + id + "'"));
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
        beats.shutdownNow();
        children.values().forEach(ImportProcess::kill); // a killed import is safe to run again
        runs.shutdownNow();
    }
}
