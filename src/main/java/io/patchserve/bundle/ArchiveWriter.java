package io.patchserve.bundle;

import io.patchserve.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;

/**
 * Writes any byte range of a planned bundle, as .tar or as .tar.gz.
 *
 * <p>The tar is the plan's entries, each a header, its bytes and zero padding, then two zero blocks; every
 * offset follows from the sizes in the plan, so a range starts at the entry it falls in without producing
 * anything before it. Objects stream from S3 (a range GET when only part of one is needed) through a 256 KiB
 * buffer; a whole object's CRC-32 is checked against the index as it passes, and a mismatch aborts the
 * response (CRC-32 runs at memory speed and catches a truncated or replaced object; SHA-256 here took half of
 * the service's CPU, and the manifest gives clients the SHA-256 to check end to end).
 *
 * <p>The .tar.gz is one gzip member whose deflate stream is made of <em>stored</em> blocks of 65,535 tar bytes
 * (5 bytes of block header each): patches are PNG or deflated HDF5 already, so compressing them again would
 * cost CPU for nothing, and stored blocks make every compressed offset a function of the tar offset. A range of
 * the .tar.gz therefore maps to a range of the tar, and the gzip trailer's CRC-32 is combined from the CRCs in
 * the plan ({@link Crc32s}) rather than computed over the bytes before the range. The header is fixed (mtime 0,
 * no name, OS 255), so the bytes are the same for the same plan.
 */
final class ArchiveWriter {

    static final int GZIP_HEADER = 10;
    static final int GZIP_TRAILER = 8;
    static final int STORED_MAX = 65_535;
    static final int STORED_HEADER = 5;
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255};

    /** How many objects are opened ahead of the one being written. */
    private static final int OPEN_AHEAD = 2;
    private static final Executor OPENER = Executors.newVirtualThreadPerTaskExecutor();

    private final ObjectStore store;

    ArchiveWriter(ObjectStore store) {
        this.store = store;
    }

    static long storedBlocks(long tarLength) {
        return Math.max(1, (tarLength + STORED_MAX - 1) / STORED_MAX);
    }

    static long gzipLength(long tarLength) {
        return GZIP_HEADER + tarLength + STORED_HEADER * storedBlocks(tarLength) + GZIP_TRAILER;
    }

    /** Writes tar bytes {@code from} (inclusive) to {@code to} (exclusive). */
    void writeTar(BundlePlan plan, long from, long to, OutputStream out) throws IOException {
        TarWalk walk = new TarWalk(plan, from, to, out);
        try {
            plan.forEachEntry(entry -> {
                try {
                    walk.add(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            walk.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            walk.closeOpened();
        }
        writeBytes(new byte[2 * TarHeaders.BLOCK], walk.position, from, to, out);
    }

    /** An entry waiting its turn, with its object already being opened when its bytes are in the range. */
    private record Pending(BundlePlan.Entry entry, byte[] header, long dataStart, CompletableFuture<InputStream> opened) {
    }

    /**
     * The entries in archive order, written {@value #OPEN_AHEAD} behind the one being read from the plan: the
     * S3 requests for the next objects go out while the current one streams, so the request round trips
     * overlap the transfer instead of adding up (700 objects, one request each).
     */
    private final class TarWalk {
        private final BundlePlan plan;
        private final long from;
        private final long to;
        private final OutputStream out;
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        private long planned;
        long position;

        TarWalk(BundlePlan plan, long from, long to, OutputStream out) {
            this.plan = plan;
            this.from = from;
            this.to = to;
            this.out = out;
        }

        void add(BundlePlan.Entry entry) throws IOException {
            if (planned >= to) {
                return;
            }
            byte[] header = TarHeaders.file(entry.path(), entry.size());
            long dataStart = planned + header.length;
            long a = Math.max(from, dataStart), b = Math.min(to, dataStart + entry.size());
            CompletableFuture<InputStream> opened = null;
            if (a < b && !entry.generated()) {
                long offset = a - dataStart, length = b - a;
                opened = CompletableFuture.supplyAsync(() -> store.open(entry.source(), offset, length), OPENER);
            }
            pending.add(new Pending(entry, header, dataStart, opened));
            planned = dataStart + entry.size() + TarHeaders.padding(entry.size());
            if (pending.size() > OPEN_AHEAD) {
                write(pending.poll());
            }
        }

        void finish() throws IOException {
            while (!pending.isEmpty()) {
                write(pending.poll());
            }
        }

        private void write(Pending next) throws IOException {
            try {
                writeEntry(next);
            } catch (IOException | RuntimeException e) {
                // the entry is no longer pending: its object, opened ahead, is closed here (a second close is harmless)
                if (next.opened() != null) {
                    next.opened().thenAccept(ArchiveWriter::closeQuietly);
                }
                throw e;
            }
        }

        private void writeEntry(Pending next) throws IOException {
            BundlePlan.Entry entry = next.entry();
            writeBytes(next.header(), position, from, to, out);
            position = next.dataStart();
            long a = Math.max(from, position), b = Math.min(to, position + entry.size());
            if (a < b) {
                writeEntryData(plan, entry, a - position, b - a, next.opened(), out);
            }
            position += entry.size();
            writeBytes(new byte[TarHeaders.padding(entry.size())], position, from, to, out);
            position += TarHeaders.padding(entry.size());
        }

        /** Objects opened ahead and never written (the response failed first) are closed when they arrive. */
        void closeOpened() {
            for (Pending left : pending) {
                if (left.opened() != null) {
                    left.opened().thenAccept(ArchiveWriter::closeQuietly);
                }
            }
            pending.clear();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // an object we no longer need
        }
    }

    /** Writes .tar.gz bytes {@code from} (inclusive) to {@code to} (exclusive). */
    void writeGzip(BundlePlan plan, long from, long to, OutputStream out) throws IOException {
        long tarLength = plan.tarLength;
        long total = gzipLength(tarLength);
        writeBytes(GZIP_MAGIC, 0, from, to, out);
        long blocksEnd = total - GZIP_TRAILER;
        if (from < blocksEnd && to > GZIP_HEADER) {
            long firstBlock = Math.max(0, (from - GZIP_HEADER) / (STORED_MAX + STORED_HEADER));
            long lastBlock = Math.min(storedBlocks(tarLength) - 1, (Math.min(to, blocksEnd) - 1 - GZIP_HEADER) / (STORED_MAX + STORED_HEADER));
            long tarFrom = firstBlock * STORED_MAX;
            long tarTo = Math.min(tarLength, (lastBlock + 1) * STORED_MAX);
            StoredBlocks framer = new StoredBlocks(out, tarLength, firstBlock, GZIP_HEADER + firstBlock * (STORED_MAX + STORED_HEADER), from, to);
            writeTar(plan, tarFrom, tarTo, framer);
            framer.finish();
        }
        byte[] trailer = new byte[GZIP_TRAILER];
        putIntLE(trailer, 0, plan.tarCrc);
        putIntLE(trailer, 4, tarLength);
        writeBytes(trailer, blocksEnd, from, to, out);
    }

    private void writeEntryData(BundlePlan plan, BundlePlan.Entry entry, long offset, long length,
                                CompletableFuture<InputStream> opened, OutputStream out) throws IOException {
        boolean whole = offset == 0 && length == entry.size();
        CRC32 crc = whole ? new CRC32() : null;
        if (entry.generated()) {
            try (FileChannel file = FileChannel.open(plan.generated(entry.source()), StandardOpenOption.READ)) {
                copy(Channels.newInputStream(file.position(offset)), length, out, crc);
            }
        } else {
            try (InputStream in = await(opened)) {
                copy(in, length, out, crc);
            }
        }
        if (crc != null && crc.getValue() != entry.crc32()) {
            throw new IOException("stored object " + entry.source() + " does not match its recorded CRC-32; aborting the bundle");
        }
    }

    private static InputStream await(CompletableFuture<InputStream> opened) throws IOException {
        try {
            return opened.join();
        } catch (CompletionException e) {
            // the store's own exception (ApiException for an unreachable S3), as if it had been opened here
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Copies in full buffers: S3 client reads return a few KiB at a time, and every write to the response is a
     * hand-over to the event loop, so collecting 256 KiB per write is what keeps the CPU on moving bytes.
     */
    private static void copy(InputStream in, long length, OutputStream out, CRC32 crc) throws IOException {
        if (out instanceof HandOffOutput handOff) {
            handOff.transferFrom(in, length, crc); // reads into the hand-over buffers themselves
            return;
        }
        byte[] buffer = new byte[1 << 18];
        long remaining = length;
        while (remaining > 0) {
            int want = (int) Math.min(buffer.length, remaining);
            int n = in.readNBytes(buffer, 0, want);
            if (n < want) {
                throw new IOException("object ended " + (remaining - n) + " bytes early");
            }
            if (crc != null) {
                crc.update(buffer, 0, n);
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
    }

    /** Writes the part of {@code bytes} (placed at {@code at}) that lies in [from, to). */
    private static void writeBytes(byte[] bytes, long at, long from, long to, OutputStream out) throws IOException {
        long a = Math.max(from, at), b = Math.min(to, at + bytes.length);
        if (a < b) {
            out.write(bytes, (int) (a - at), (int) (b - a));
        }
    }

    private static void putIntLE(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /**
     * Receives tar bytes from the start of block {@code firstBlock} and writes them as stored deflate blocks,
     * keeping only the compressed bytes in [from, to).
     */
    private static final class StoredBlocks extends OutputStream {
        private final OutputStream out;
        private final long tarLength;
        private final long from;
        private final long to;
        private long block;
        private long gzPosition;
        private int inBlock;
        private final byte[] one = new byte[1];

        StoredBlocks(OutputStream out, long tarLength, long firstBlock, long gzPosition, long from, long to) {
            this.out = out;
            this.tarLength = tarLength;
            this.block = firstBlock;
            this.gzPosition = gzPosition;
            this.from = from;
            this.to = to;
        }

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (inBlock == 0) {
                    emit(blockHeader(), 0, STORED_HEADER);
                }
                int n = Math.min(len, STORED_MAX - inBlock);
                emit(b, off, n);
                inBlock += n;
                off += n;
                len -= n;
                if (inBlock == blockLength()) {
                    block++;
                    inBlock = 0;
                }
            }
        }

        private int blockLength() {
            return (int) Math.min(STORED_MAX, tarLength - block * STORED_MAX);
        }

        private byte[] blockHeader() {
            int length = blockLength();
            boolean last = (block + 1) * STORED_MAX >= tarLength;
            return new byte[]{(byte) (last ? 1 : 0), (byte) length, (byte) (length >>> 8), (byte) ~length, (byte) (~length >>> 8)};
        }

        private void emit(byte[] b, int off, int len) throws IOException {
            long a = Math.max(from, gzPosition), e = Math.min(to, gzPosition + len);
            if (a < e) {
                out.write(b, off + (int) (a - gzPosition), (int) (e - a));
            }
            gzPosition += len;
        }

        void finish() {
            // every block is written whole by writeTar; nothing is buffered here
        }
    }
}
