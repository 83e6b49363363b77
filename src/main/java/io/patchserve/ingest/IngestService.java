package io.patchserve.ingest;

import io.patchserve.storage.Digests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.patchserve.catalog.CatalogWriter;
import io.patchserve.catalog.CollectionSummary;
import io.patchserve.catalog.ItemStore;
import io.patchserve.catalog.CollectionChanges;
import io.patchserve.catalog.NewCollection;
import io.patchserve.catalog.NewItem;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.config.IngestConfig;
import io.patchserve.config.TempConfig;
import io.patchserve.error.ApiException;
import io.patchserve.stats.RunStatistics;
import io.patchserve.stats.StatisticsStore;
import io.patchserve.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Loads a dataset release into the catalog. For each item: upload its objects under immutable keys, then
 * commit its row, so an item becomes visible only when complete. A rerun skips items whose content digest
 * is unchanged, so rerunning after a crash or on the same release is safe and cheap.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final int LOCK_STRIPES = 64;

    private final Map<String, DatasetFormat> formats = new TreeMap<>();
    private final CatalogWriter writer;
    private final ObjectStore store;
    private final IngestConfig config;
    private final TempConfig temp;
    private final IngestMetrics metrics;
    private final StatisticsStore statisticsStore;
    private final ItemStore items;
    private final IngestRuns runs;
    private final io.patchserve.catalog.TransactionService transactions;
    private final ObjectMapper canonicalJson;
    /** Serialises work on one item id, e.g. the same name twice in an archive. */
    private final ReentrantLock[] itemLocks = new ReentrantLock[LOCK_STRIPES];

    public IngestService(Instance<DatasetFormat> formats, CatalogWriter writer, ObjectStore store, IngestConfig config, TempConfig temp,
                         ObjectMapper mapper, IngestMetrics metrics, StatisticsStore statisticsStore,
                         ItemStore items, IngestRuns runs, io.patchserve.catalog.TransactionService transactions) {
        this.metrics = metrics;
        this.runs = runs;
        this.transactions = transactions;
        this.items = items;
        this.statisticsStore = statisticsStore;
        formats.forEach(f -> this.formats.put(f.name(), f));
        this.writer = writer;
        this.store = store;
        this.config = config;
        this.temp = temp;
        this.canonicalJson = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            itemLocks[i] = new ReentrantLock();
        }
    }

    public List<String> formatNames() {
        return List.copyOf(formats.keySet());
    }

    public DatasetFormat format(String name) {
        DatasetFormat format = formats.get(name);
        if (format == null) {
            throw ApiException.badRequest("unknown dataset format '" + name + "'; known formats: " + formats.keySet());
        }
        return format;
    }

    /** Runs one ingest to the end (or to its first infrastructure failure) and returns its report. */
    public IngestReport ingest(String formatName, String collectionId, Path source) {
        return ingest(formatName, collectionId, source, null, Shard.ALL);
    }

    /** Ingests the part of the release that {@code shard} owns (all of it with {@link Shard#ALL}). */
    public IngestReport ingest(String formatName, String collectionId, Path source, CollectionOverrides overrides,
                               Shard shard) {
        return ingest(formatName, collectionId, source, overrides, shard, newReport(formatName, collectionId));
    }

    /** A report that counts into the metrics; pass it to ingest to watch a run from another thread. */
    public IngestReport newReport(String formatName, String collectionId) {
        return new IngestReport(formatName, collectionId, metrics);
    }

    public IngestReport ingest(String formatName, String collectionId, Path source, CollectionOverrides overrides,
                               Shard shard, IngestReport report) {
        return ingest(formatName, collectionId, source, overrides, shard, SourceMirror.Options.forRun(shard, null, collectionId, false), report);
    }

    /**
     * Ingests a release; with {@code mirror} naming a run, the collection's items the run (all its shards) did not
     * find are withdrawn once it has gone through.
     */
    public IngestReport ingest(String formatName, String collectionId, Path source, CollectionOverrides overrides,
                               Shard shard, SourceMirror.Options mirrorOptions, IngestReport report) {
        DatasetFormat format = format(formatName);
        CatalogWriter.requireValidCollectionId(collectionId);
        NewCollection collection;
        try {
            collection = format.defaultCollection(collectionId, source);
        } catch (java.io.IOException | RuntimeException e) {
            report.fail("cannot read " + source + ": " + describe(e));
            return report;
        }
        CollectionChanges stated;
        try {
            // a card shipped with the release (README.md with front matter), under what the run itself states
            stated = ReleaseCard.of(source).then(overrides == null ? CollectionChanges.NONE : overrides.changes());
        } catch (ApiException e) {
            report.fail(e.getMessage());
            return report;
        }
        writer.ensureCollection(collection, stated);
        SourceMirror mirror;
        try {
            mirror = new SourceMirror(runs, transactions, mirrorOptions, collectionId, shard);
        } catch (ApiException e) {
            report.fail(e.getMessage());
            return report;
        }

        CollectionSummary summary = new CollectionSummary();
        RunStatistics statistics = new RunStatistics();
        UUID run = UUID.randomUUID(); // the items this run counts into the statistics are marked with it
        Path workDir = temp.dir().resolve("patchserve-ingest");
        int parallelism = Math.max(1, config.parallelism());
        Semaphore inFlight = new Semaphore(parallelism);
        long[] lastProgress = {System.nanoTime()};
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            format.walk(source, workDir, new DatasetFormat.UnitSink() {
                @Override
                public void expect(long units) {
                    // a shard owns about its share of the release (the parts are a hash's, not exact)
                    report.expect(shard.count() == 1 ? units : Math.ceilDiv(units, shard.count()));
                }

                @Override
                public void accept(SourceUnit unit) throws Exception {
                    if (ReleaseCard.isCard(source, unit.name())) { // the release's description, not a patch
                        report.expect(Math.max(-1, report.expected() - 1));
                        unit.release();
                        return;
                    }
                    if (!shard.owns(unit.shardKey())) {
                        unit.release();
                        return;
                    }
                    inFlight.acquire();
                    if (!report.succeeded()) {
                        inFlight.release();
                        unit.release();
                        throw new IngestAborted();
                    }
                    workers.submit(() -> {
                        try {
                            process(unit, collectionId, report, summary, statistics, run, mirror);
                        } catch (Exception e) {
                            report.fail(unit.name() + ": " + describe(e));
                            LOG.errorf(e, "ingest of %s failed", unit.name());
                        } finally {
                            unit.release();
                            inFlight.release();
                        }
                        logProgress(report, lastProgress);
                    });
                }
            });
            inFlight.acquire(parallelism);
        } catch (IngestAborted aborted) {
            // the failure is already in the report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.fail("interrupted");
        } catch (Exception e) {
            report.fail(describe(e));
        }
        try {
            mirror.complete(shard, report);
        } catch (RuntimeException e) {
            report.fail("withdrawing the items the source no longer has: " + describe(e));
        }
        // counts and extents are recomputed from the rows, so they are right after any crash and rerun
        writer.reconcile(collectionId, summary);
        saveStatistics(format, collectionId, source, statistics, run, report);
        LOG.info(report.progressLine() + (report.succeeded() ? "" : " - stopped: " + report.failure()));
        return report;
    }

    private void process(SourceUnit unit, String collectionId, IngestReport report, CollectionSummary summary,
                         RunStatistics statistics, UUID run, SourceMirror mirror) throws Exception {
        IngestEntry entry;
        try {
            entry = unit.read();
        } catch (RuntimeException e) {
            // a unit the format could not make sense of is that unit's problem: the rest of the release lands
            LOG.warnf(e, "skipped %s: it could not be read", unit.name());
            entry = new Skipped(unit.name(), "could not be read: " + describe(e));
        }
        switch (entry) {
            case Skipped skip -> {
                report.skip(skip);
                LOG.debugf("skipped %s: %s", skip.source(), skip.reason());
            }
            case ItemDraft draft -> {
                ReentrantLock lock = itemLocks[Math.floorMod(draft.id().hashCode(), LOCK_STRIPES)];
                lock.lock();
                try {
                    Published published = publish(collectionId, draft, summary, run);
                    if (published.countPixels()) {
                        statistics.add(draft.pixels());
                    }
                    report.count(published.outcome());
                    mirror.found(draft.id());
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** What publishing an item did, and whether this run is to count its pixels into the statistics. */
    private record Published(IngestReport.Outcome outcome, boolean countPixels) {
    }

    private Published publish(String collectionId, ItemDraft draft, CollectionSummary summary, UUID run)
            throws JsonProcessingException {
        String hash = contentHash(draft);
        Optional<ItemStore.StoredState> current = items.state(collectionId, draft.id());
        if (current.isPresent() && current.get().contentHash().equals(hash)) {
            // unchanged, but still seen: the collection's summary is rebuilt from every item a run sees
            summary.add(new NewItem(collectionId, draft.id(), draft.geometry(), draft.datetime(), draft.startDatetime(),
                    draft.endDatetime(), draft.properties(), Map.of(), hash));
            boolean uncounted = current.get().statisticsPending() && draft.pixels() != null;
            if (uncounted) {
                items.countIn(collectionId, draft.id(), run); // its own run ended before counting it
            }
            return new Published(IngestReport.Outcome.UNCHANGED, uncounted);
        }
        Map<String, StoredAsset> stored = new LinkedHashMap<>();
        for (Map.Entry<String, LocalAsset> e : draft.assets().entrySet()) {
            stored.put(e.getKey(), upload(collectionId, draft.id(), e.getKey(), e.getValue()));
        }
        NewItem item = new NewItem(collectionId, draft.id(), draft.geometry(), draft.datetime(),
                draft.startDatetime(), draft.endDatetime(), draft.properties(), stored, hash);
        UUID statisticsRun = draft.pixels() != null ? run : null;
        Map<String, double[]> extremes = draft.pixels() == null ? null : draft.pixels().binnedExtremes();
        // an item not there a moment ago is inserted in one statement; one stored since (another shard) is replaced
        boolean created = current.isEmpty() && items.insertIfAbsent(item, statisticsRun, extremes);
        ItemStore.Upserted upserted = created ? new ItemStore.Upserted(List.of(), false)
                : items.upsert(item, statisticsRun, extremes);
        summary.add(item);
        for (String key : upserted.replaced()) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("could not delete replaced object %s: %s", key, e.getMessage());
            }
        }
        // a relabel keeps the item's pixels counted; new pixels or a new split are counted by this run
        return new Published(created ? IngestReport.Outcome.CREATED : IngestReport.Outcome.UPDATED,
                draft.pixels() != null && !upserted.counted());
    }

    private StoredAsset upload(String collectionId, String itemId, String assetKey, LocalAsset asset) {
        String key = objectKey(collectionId, itemId, assetKey, asset);
        // Keys name their content, so writing a key again (a resumed run) writes the same bytes: no need to ask first.
        store.put(key, asset.file(), asset.type(), asset.sha256());
        return new StoredAsset(key, asset.type(), asset.size(), asset.sha256(), asset.roles(), asset.title(),
                asset.fileName(), asset.crc32());
    }

    static String objectKey(String collectionId, String itemId, String assetKey, LocalAsset asset) {
        return collectionId + "/" + itemId + "/" + assetKey + "-" + asset.sha256().substring(0, 16) + asset.extension();
    }

    /** Digest of everything the item row would hold; equal on a rerun means the row is already right. */
    String contentHash(ItemDraft draft) throws JsonProcessingException {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("id", draft.id());
        canonical.put("geometry", draft.geometry() == null ? null : draft.geometry().toText());
        canonical.put("datetime", String.valueOf(draft.datetime()));
        canonical.put("start", String.valueOf(draft.startDatetime()));
        canonical.put("end", String.valueOf(draft.endDatetime()));
        canonical.put("properties", draft.properties());
        Map<String, Object> assets = new TreeMap<>();
        draft.assets().forEach((key, a) -> assets.put(key, List.of(a.sha256(), a.size(), a.type(), a.roles(),
                String.valueOf(a.title()), a.fileName())));
        canonical.put("assets", assets);
        var digest = Digests.sha256();
        digest.update(canonicalJson.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
        return Digests.hex(digest);
    }

    /**
     * Merges the run's statistics into the collection's: items published by this run count once each (a changed
     * item's old pixels were taken out when its row was replaced).
     */
    private void saveStatistics(DatasetFormat format, String collectionId, Path source, RunStatistics statistics,
                                UUID run, IngestReport report) {
        try {
            var provided = format.providedStatistics(source);
            if (provided.isPresent()) {
                // the release's own whole-collection statistics stand; computed ones add the per-split view
                statisticsStore.saveProvided(collectionId, provided.get());
                statistics.dropWholeCollection(provided.get().bands().keySet());
            }
            // merged with the marks of the items it counts, in one transaction (even when empty: the marks go)
            statisticsStore.merge(collectionId, statistics, run);
        } catch (Exception e) {
            report.fail("saving band statistics: " + describe(e));
            LOG.errorf(e, "saving band statistics of %s failed", collectionId);
        }
    }

    private void logProgress(IngestReport report, long[] lastProgress) {
        long now = System.nanoTime();
        synchronized (lastProgress) {
            if (now - lastProgress[0] >= config.progressInterval().toNanos()) {
                lastProgress[0] = now;
                LOG.info(report.progressLine());
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Stops the walk of the source once a worker has failed. */
    private static final class IngestAborted extends RuntimeException {
        IngestAborted() {
            super(null, null, false, false);
        }
    }

    /** Collection metadata given on the command line, taking precedence over the format's defaults. */
    /**
     * What the publisher states on this run, so it takes effect on a rerun too: a dataset card (--card, or null),
     * and --title, --description and --license, which win over the card's.
     */
    public record CollectionOverrides(String title, String description, String license, CollectionChanges card) {

        public CollectionOverrides(String title, String description, String license) {
            this(title, description, license, null);
        }

        CollectionChanges changes() {
            return (card == null ? CollectionChanges.NONE : card).then(new CollectionChanges(title, description, license, null, Map.of(), Map.of()));
        }
    }
}
