package io.patchserve.ingest;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs batch loads on a few threads at once, each on its own connection, while the caller reads the next batch.
 * A batch that names an item of a batch still in flight waits for that batch first, so an item given twice ends
 * as the file's later line says, as with one batch at a time.
 */
final class ConcurrentBatches implements AutoCloseable {

    private record InFlight(Future<?> done, Set<String> ids) {
    }

    private final ExecutorService threads;
    private final int capacity;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    ConcurrentBatches(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.threads = Executors.newFixedThreadPool(capacity, runnable -> {
            Thread thread = new Thread(runnable, "bulk-load");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts {@code load} once a thread is free and no batch in flight shares an id with {@code ids}; a failure of
     * an earlier batch is thrown here (or by {@link #finish}).
     */
    void submit(Set<String> ids, Runnable load) throws ExecutionException, InterruptedException {
        for (Iterator<InFlight> it = inFlight.iterator(); it.hasNext(); ) {
            InFlight batch = it.next();
            if (batch.done().isDone() || !Collections.disjoint(batch.ids(), ids)) {
                batch.done().get();
                it.remove();
            }
        }
        while (inFlight.size() >= capacity) {
            inFlight.removeFirst().done().get();
        }
        inFlight.addLast(new InFlight(threads.submit(load), ids));
    }

    /** Waits for every batch in flight; throws the first failure. */
    void finish() throws ExecutionException, InterruptedException {
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().done().get();
        }
    }

    /** Waits for batches still running (after a failure elsewhere), so that nothing is written after the load ends. */
    @Override
    public void close() {
        threads.close();
    }
}
