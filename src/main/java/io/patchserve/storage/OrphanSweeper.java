package io.patchserve.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Deletes objects no item names: what a crash between an upload and its row's commit leaves behind. Only
 * keys of the form {@code collection/item/file} are considered, and only once older than a grace period, so
 * that an ingest still between its upload and its commit keeps its objects.
 */
@ApplicationScoped
public class OrphanSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class);

    private final ObjectStore store;
    private final ReferencedObjects items;

    public OrphanSweeper(ObjectStore store, ReferencedObjects items) {
        this.store = store;
        this.items = items;
    }

    /** What a sweep saw and did. */
    public record Result(long examined, long orphans, long deleted, long youngOrphansKept) {
    }

    public Result sweep(String prefix, Duration olderThan, boolean dryRun) {
        Instant cutoff = Instant.now().minus(olderThan);
        long examined = 0;
        long orphans = 0;
        long deleted = 0;
        long young = 0;
        String currentItem = null;
        Set<String> referenced = Set.of();
        for (ObjectStore.Listed object : store.list(prefix)) {
            examined++;
            String[] parts = object.key().split("/", 3);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                continue; // not a key this service writes: leave it alone
            }
            String item = parts[0] + "/" + parts[1];
            if (!item.equals(currentItem)) {
                // keys are listed in order, so one item's objects come together: one row read per item
                currentItem = item;
                referenced = items.objectKeys(parts[0], parts[1]);
            }
            if (referenced.contains(object.key())) {
                continue;
            }
            orphans++;
            if (object.lastModified().isAfter(cutoff)) {
                young++;
            } else if (!dryRun) {
                store.delete(object.key());
                deleted++;
                LOG.infof("deleted unreferenced object %s (%d bytes, %s)", object.key(), object.size(), object.lastModified());
            }
        }
        return new Result(examined, orphans, deleted, young);
    }
}
