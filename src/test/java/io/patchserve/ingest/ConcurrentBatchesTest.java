package io.patchserve.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Batches run side by side, except that a batch naming an item of one in flight waits for it. */
@Tag("unit")
class ConcurrentBatchesTest {

    /** A batch that runs until released, recording that it started and finished. */
    private static final class Held implements Runnable {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean finished = new AtomicBoolean();

        @Override
        public void run() {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        }
    }

    @Test
    void batchesWithOtherItemsRunWhileAnEarlierOneIsStillRunning() throws Exception {
        try (ConcurrentBatches batches = new ConcurrentBatches(2)) {
            Held first = new Held();
            Held second = new Held();
            batches.submit(Set.of("a", "b"), first);
            batches.submit(Set.of("c"), second);
            assertThat(second.started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.finished).isFalse();
            first.release.countDown();
            second.release.countDown();
            batches.finish();
            assertThat(first.finished).isTrue();
            assertThat(second.finished).isTrue();
        }
    }

    @Test
    void aBatchNamingAnItemInFlightStartsOnlyAfterThatBatchHasFinished() throws Exception {
        try (ConcurrentBatches batches = new ConcurrentBatches(2)) {
            Held first = new Held();
            batches.submit(Set.of("a", "b"), first);
            assertThat(first.started.await(30, TimeUnit.SECONDS)).isTrue();

            AtomicBoolean firstDoneWhenSecondStarted = new AtomicBoolean();
            CountDownLatch secondStarted = new CountDownLatch(1);
            Thread submitter = Thread.ofPlatform().start(() -> {
                try {
                    batches.submit(Set.of("b", "z"), () -> {
                        firstDoneWhenSecondStarted.set(first.finished.get());
                        secondStarted.countDown();
                    });
                } catch (ExecutionException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // either the submitter waits for the first batch, or (wrongly) the second batch has started already
            await().atMost(Duration.ofSeconds(30)).until(() -> secondStarted.getCount() == 0
                    || submitter.getState() == Thread.State.WAITING || submitter.getState() == Thread.State.TIMED_WAITING);
            first.release.countDown();
            submitter.join(30_000);
            batches.finish();
            assertThat(secondStarted.getCount()).isZero();
            assertThat(firstDoneWhenSecondStarted).as("the first batch had finished when the second started").isTrue();
        }
    }

    @Test
    void noMoreBatchesThanThreadsAreInFlight() throws Exception {
        try (ConcurrentBatches batches = new ConcurrentBatches(1)) {
            Held first = new Held();
            batches.submit(Set.of("a"), first);
            assertThat(first.started.await(30, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Boolean> firstDoneWhenSecondStarted = new AtomicReference<>();
            Thread submitter = Thread.ofPlatform().start(() -> {
                try {
                    batches.submit(Set.of("b"), () -> firstDoneWhenSecondStarted.set(first.finished.get()));
                } catch (ExecutionException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> firstDoneWhenSecondStarted.get() != null
                    || submitter.getState() == Thread.State.WAITING || submitter.getState() == Thread.State.TIMED_WAITING);
            first.release.countDown();
            submitter.join(30_000);
            batches.finish();
            assertThat(firstDoneWhenSecondStarted.get()).isTrue();
        }
    }

    @Test
    void aFailedBatchIsReportedByTheNextCall() throws Exception {
        try (ConcurrentBatches batches = new ConcurrentBatches(2)) {
            batches.submit(Set.of("a"), () -> {
                throw new IllegalStateException("merge failed");
            });
            assertThatThrownBy(batches::finish).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("merge failed");
        }
    }
}
