package io.patchserve.ingest;

import io.patchserve.catalog.TransactionService;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One run's side of "a rerun mirrors its source": it records the items the run finds, and when the run's last
 * shard is done it withdraws the collection's items no shard found. Refused, with the reason, when the run found
 * none of them at all (an empty or wrong source path) unless the publisher allows it; never done for a run that
 * stopped early, which has not seen the whole release.
 */
final class SourceMirror {

    private static final Logger LOG = Logger.getLogger(SourceMirror.class);
    private static final int BATCH = 500;

    /**
     * How a run mirrors: its id (shared by its shards), or null for a run that only adds and updates (a shard
     * with no run id: it cannot know when the other shards are done); and whether withdrawing every item is meant.
     */
    record Options(UUID run, boolean allowEmpty) {

        static final Options NONE = new Options(null, false);

        /** A run of its own: an unsharded run mirrors by default; a sharded one only with a shared run id. */
        static Options forRun(Shard shard, String runName, String collectionId, boolean allowEmpty) {
            if (runName != null) {
                return new Options(UUID.nameUUIDFromBytes((collectionId + "\n" + runName).getBytes(java.nio.charset.StandardCharsets.UTF_8)), allowEmpty);
            }
            return shard.count() == 1 ? new Options(UUID.randomUUID(), allowEmpty) : NONE;
        }
    }

    private final IngestRuns runs;
    private final TransactionService transactions;
    private final Options options;
    private final List<String> pending = new ArrayList<>();

    SourceMirror(IngestRuns runs, TransactionService transactions, Options options, String collectionId, Shard shard) {
        this.runs = runs;
        this.transactions = transactions;
        this.options = options;
        if (options.run() != null) {
            runs.begin(options.run(), collectionId, shard.count());
        }
    }

    /** An item the run found in its source (new, changed or unchanged). */
    synchronized void found(String itemId) {
        if (options.run() == null) {
            return;
        }
        pending.add(itemId);
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    private void flush() {
        runs.seen(options.run(), pending);
        pending.clear();
    }

    /** The end of this shard: when it completes a run that went through, the items no shard found are withdrawn. */
    synchronized void complete(Shard shard, IngestReport report) {
        if (options.run() == null) {
            if (report.succeeded() && shard.count() > 1) {
                report.note("items missing from the source were not withdrawn: a sharded run withdraws them once all "
                        + "its shards are done, which needs --run NAME given to every shard");
            }
            return;
        }
        if (!report.succeeded()) {
            return; // a run that stopped early has not seen the whole release
        }
        flush();
        IngestRuns.Completion done = runs.finish(options.run(), shard.index());
        if (done == null || done.missing().isEmpty()) {
            return;
        }
        if (done.found() == 0 && !options.allowEmpty()) {
            report.fail("the run found none of the collection's " + done.missing().size() + " items (an empty or wrong "
                    + "source?), so none was withdrawn; rerun with --allow-empty to withdraw them all");
            return;
        }
        long withdrawn = 0;
        for (String itemId : done.missing()) {
            try {
                transactions.deleteItem(done.collectionId(), itemId);
                withdrawn++;
            } catch (io.patchserve.error.ApiException e) {
                LOG.debugf("%s was gone before it could be withdrawn: %s", itemId, e.getMessage()); // deleted meanwhile
            }
        }
        report.withdrew(withdrawn);
        runs.withdrew(options.run(), withdrawn);
    }
}
