package io.patchserve.bundle;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The hand-over between the thread reading objects and the thread writing the response. */
@Tag("unit")
class HandOffOutputTest {

    @Test
    void everyByteArrivesInOrderWithTheCrcOfWhatWasRead() throws IOException {
        byte[] object = new byte[1_000_003];
        new Random(5).nextBytes(object);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        HandOffOutput handOff = new HandOffOutput(sent, 3, 4096);
        handOff.write(new byte[]{1, 2, 3});
        CRC32 crc = new CRC32();
        handOff.transferFrom(new ByteArrayInputStream(object), object.length, crc);
        handOff.write(9);
        handOff.finish();

        byte[] expected = new byte[3 + object.length + 1];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        System.arraycopy(object, 0, expected, 3, object.length);
        expected[expected.length - 1] = 9;
        assertThat(sent.toByteArray()).isEqualTo(expected);
        CRC32 direct = new CRC32();
        direct.update(object);
        assertThat(crc.getValue()).isEqualTo(direct.getValue());
    }

    @Test
    void aShortObjectIsAnError() {
        HandOffOutput handOff = new HandOffOutput(OutputStream.nullOutputStream(), 2, 1024);
        assertThatThrownBy(() -> handOff.transferFrom(new ByteArrayInputStream(new byte[100]), 101, null))
                .isInstanceOf(IOException.class).hasMessageContaining("1 bytes early");
        handOff.abort();
    }

    @Test
    void aClientThatGoesAwayStopsTheProducer() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        HandOffOutput handOff = new HandOffOutput(broken, 2, 1024);
        // the producer keeps writing until the sender's failure reaches it, and never blocks for good
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                handOff.write(new byte[1024]);
            }
            handOff.finish();
        }).isInstanceOf(IOException.class).hasMessageContaining("connection reset");
        handOff.abort();
    }

    @Test
    void afterAnAbortNothingMoreIsWritten() throws Exception {
        CountDownLatch firstWrite = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                firstWrite.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.addAndGet(len);
            }
        };
        HandOffOutput handOff = new HandOffOutput(slow, 3, 100);
        handOff.write(new byte[300]); // three full buffers: one being sent, two queued
        firstWrite.await();
        Thread aborting = Thread.ofVirtual().start(handOff::abort);
        // parked in join: the abort is under way
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> aborting.getState() == Thread.State.WAITING);
        release.countDown();
        aborting.join();
        // the buffer that was being sent when the abort came finishes; the queued ones are dropped
        assertThat(written.get()).isEqualTo(100);
    }
}
