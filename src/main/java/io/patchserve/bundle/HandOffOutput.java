package io.patchserve.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;

/**
 * Hands full buffers from the thread that produces an archive (reading objects from S3) to a thread that sends
 * them (writing to the client), so that waiting for S3 and waiting for the client overlap instead of taking
 * turns: with one thread doing both, a 2 GB bundle left half of the CPU idle. Memory is bounded by a fixed set
 * of buffers per response; when the client is slower the producer waits for a free buffer.
 *
 * <p>{@link #finish()} sends what is left and waits until the sender is done; {@link #abort()} drops what is
 * queued and waits too, so that nothing is written to the response after the producer has given up on it.
 */
final class HandOffOutput extends OutputStream {

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final OutputStream target;
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final Thread sender;
    private volatile Throwable sendFailure;
    private volatile boolean aborted;
    private byte[] current;
    private int used;
    private boolean ended;

    HandOffOutput(OutputStream target, int buffers, int bufferBytes) {
        this.target = target;
        this.full = new ArrayBlockingQueue<>(buffers + 1);
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferBytes]);
        }
        this.sender = Thread.ofVirtual().name("bundle-sender").start(this::send);
    }

    private void send() {
        try {
            while (true) {
                Chunk chunk = full.take();
                if (chunk == END) {
                    return;
                }
                // After a failure or an abort the queue is still drained, so a producer waiting for a buffer wakes up.
                if (sendFailure == null && !aborted) {
                    try {
                        target.write(chunk.bytes(), 0, chunk.length());
                    } catch (Throwable t) {
                        sendFailure = t;
                    }
                }
                free.add(chunk.bytes());
            }
        } catch (InterruptedException e) {
            sendFailure = e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            byte[] buffer = buffer();
            int n = Math.min(len, buffer.length - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Reads exactly {@code length} bytes of {@code in} straight into the hand-over buffers (no copy through a
     * buffer of the caller's), updating {@code crc} when given.
     */
    void transferFrom(InputStream in, long length, CRC32 crc) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            byte[] buffer = buffer();
            int want = (int) Math.min(buffer.length - used, remaining);
            int n = in.readNBytes(buffer, used, want);
            if (n < want) {
                throw new IOException("object ended " + (remaining - n) + " bytes early");
            }
            if (crc != null) {
                crc.update(buffer, used, n);
            }
            used += n;
            remaining -= n;
        }
    }

    /** The buffer being filled, after handing over the previous one when it is full. */
    private byte[] buffer() throws IOException {
        failIfSendFailed();
        if (current != null && used == current.length) {
            handOver();
        }
        if (current == null) {
            try {
                current = free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the client");
            }
            used = 0;
            failIfSendFailed();
        }
        return current;
    }

    private void handOver() throws IOException {
        try {
            full.put(new Chunk(current, used));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over bytes");
        }
        current = null;
    }

    private void failIfSendFailed() throws IOException {
        Throwable failure = sendFailure;
        if (failure != null) {
            throw failure instanceof IOException io ? io : new IOException("sending the bundle failed", failure);
        }
    }

    /** Sends what is buffered, waits for the sender, then flushes the target. */
    void finish() throws IOException {
        if (current != null && used > 0) {
            handOver();
        }
        end();
        failIfSendFailed();
        target.flush();
    }

    /** Drops what is queued and waits for the sender, so the response is left alone from here on. */
    void abort() {
        aborted = true;
        try {
            end();
        } catch (IOException e) {
            // the sender is stopping anyway; the producer's own failure is what the caller reports
        }
    }

    private void end() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            full.put(END);
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the sender");
        }
    }
}
