package io.patchserve.bundle;

import io.micrometer.core.instrument.Counter;
import io.patchserve.crop.CropService;
import io.patchserve.http.Download;
import io.patchserve.http.EntityTags;
import io.patchserve.ops.CountingOutput;
import io.patchserve.raster.BandStack;
import io.patchserve.raster.RasterModel;
import io.patchserve.stac.MediaTypes;
import io.patchserve.storage.Digests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A planned bundle.h5 as a {@link Download}: the header file {@link StackService} wrote, then each dataset's pixels,
 * item after item, read and encoded while they are sent. A few items are read ahead, in order, so that reading the
 * next items overlaps sending this one. A whole download from the start reads each item once: the first dataset is
 * sent as it is read and the others are kept in temporary files (on disk, not in memory) until their turn; a range
 * that begins further on reads, for each dataset it covers, the items from the first it needs.
 */
final class StackDownload implements Download {

    /** Items read ahead of the one being sent, at most. */
    private static final int READ_AHEAD = 4;
    /**
     * Bytes the blocks of the items in flight may take: fewer items are read ahead when one item's blocks are large
     * (a whole series over time: an EarthNet cube's 150 daily steps), none when one item alone passes it.
     */
    private static final long BLOCK_BUDGET = 64L << 20;

    private final Path header;
    private final long headerLength;
    private final long[] starts;
    private final List<StackService.StackItem> items;
    private final List<BandStack> datasets;
    private final RasterModel model;
    private final CropService crops;
    private final Path tempDir;
    private final Counter bytesServed;
    private final long length;
    private final String digest;
    private final String fileName;

    StackDownload(Path header, long[] starts, List<StackService.StackItem> items, List<BandStack> datasets,
                  RasterModel model, CropService crops, String name, Path tempDir, Counter bytesServed) throws IOException {
        this.header = header;
        this.headerLength = Files.size(header);
        this.starts = starts;
        this.items = items;
        this.datasets = datasets;
        this.model = model;
        this.crops = crops;
        this.tempDir = tempDir;
        this.bytesServed = bytesServed;
        long total = headerLength;
        for (BandStack d : datasets) {
            total += d.itemBytes() * items.size();
        }
        this.length = total;
        this.digest = digest();
        this.fileName = BundleService.selectionName(name, digest) + ".h5";
    }

    /** Over the header (ids, labels, layout, options) and each item's data objects, which name their content. */
    private String digest() throws IOException {
        MessageDigest sha = Digests.sha256();
        sha.update(StackService.FORMAT.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(header)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        for (StackService.StackItem item : items) {
            item.assets().values().forEach(a -> sha.update((a.objectKey() + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return Digests.hex(sha);
    }

    @Override
    public String contentType() {
        return MediaTypes.HDF5;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public String etag() {
        return EntityTags.strong("h5-" + digest);
    }

    @Override
    public Map<String, Object> headers() {
        return Map.of("Patchserve-Bundle-Items", items.size());
    }

    @Override
    public Body open(long offset, long count) {
        return out -> new Sender(new CountingOutput(out, bytesServed), offset, offset + count).send();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response's bytes {@code offset .. end}. */
    private final class Sender {
        private final OutputStream out;
        private final long end;
        private long position;

        Sender(OutputStream out, long offset, long end) {
            this.out = out;
            this.position = offset;
            this.end = end;
        }

        void send() throws IOException {
            if (position < headerLength) {
                copy(header, position, Math.min(end, headerLength));
            }
            boolean spool = datasets.size() > 1 && position <= starts[0];
            List<Path> spools = new ArrayList<>();
            try {
                for (int d = 0; d < datasets.size() && position < end; d++) {
                    long datasetEnd = starts[d] + datasets.get(d).itemBytes() * items.size();
                    if (position >= datasetEnd) {
                        continue;
                    }
                    if (spool && d > 0) {
                        copy(spools.get(d - 1), position - starts[d], Math.min(end, datasetEnd) - starts[d]);
                    } else {
                        sendDataset(d, spool ? spools : null);
                    }
                }
            } finally {
                for (Path p : spools) {
                    Files.deleteIfExists(p);
                }
            }
        }

        /**
         * Sends dataset {@code d} from the item that holds the current position; with {@code spools}, also keeps
         * every later dataset's blocks of each item in a temporary file of its own.
         */
        private void sendDataset(int d, List<Path> spools) throws IOException {
            BandStack dataset = datasets.get(d);
            long itemBytes = dataset.itemBytes();
            int first = (int) ((position - starts[d]) / itemBytes);
            List<BandStack> wanted = spools == null ? List.of(dataset) : datasets;
            List<FileChannel> spoolChannels = new ArrayList<>();
            if (spools != null) {
                for (int s = 1; s < datasets.size(); s++) {
                    Path p = Files.createTempFile(Files.createDirectories(tempDir), "patchserve-stack-spool-", ".bin");
                    spools.add(p);
                    spoolChannels.add(FileChannel.open(p, StandardOpenOption.WRITE));
                }
            }
            // the blocks of the items being read and of the one being sent, reused: a stack of thousands of items
            // would otherwise leave each item's blocks behind as garbage, and the JVM grows its heap to keep up
            long wantedBytes = Math.max(1, wanted.stream().mapToLong(BandStack::itemBytes).sum());
            int readAhead = (int) Math.max(0, Math.min(READ_AHEAD, BLOCK_BUDGET / wantedBytes - 1));
            BlockingQueue<Blocks> free = new ArrayBlockingQueue<>(readAhead + 1);
            for (int k = 0; k <= readAhead; k++) {
                free.add(new Blocks(wanted));
            }
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                ArrayDeque<Future<Blocks>> ahead = new ArrayDeque<>();
                int next = first;
                try {
                    for (int i = first; i < items.size() && position < end; i++) {
                        while (next < items.size() && ahead.size() < Math.max(1, readAhead)) {
                            StackService.StackItem item = items.get(next++);
                            ahead.add(readers.submit(() -> encode(item, wanted, free.take())));
                        }
                        Blocks taken = await(ahead.poll());
                        ByteBuffer[] blocks = taken.blocks;
                        long blockStart = starts[d] + i * itemBytes;
                        if (position < end) {
                            int from = (int) (position - blockStart);
                            int to = (int) Math.min(itemBytes, end - blockStart);
                            out.write(blocks[0].array(), from, to - from);
                            position = blockStart + to;
                        }
                        for (int s = 1; s < blocks.length; s++) {
                            while (blocks[s].hasRemaining()) {
                                spoolChannels.get(s - 1).write(blocks[s]);
                            }
                        }
                        free.add(taken);
                    }
                } finally {
                    ahead.forEach(f -> f.cancel(true));
                }
            } finally {
                for (FileChannel c : spoolChannels) {
                    c.close();
                }
            }
        }

        private void copy(Path file, long from, long to) throws IOException {
            if (to <= from) {
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long start = position;
                long sent = channel.transferTo(from, to - from, Channels.newChannel(out));
                for (long at = from + sent; at < to; at += sent) {
                    sent = channel.transferTo(at, to - at, Channels.newChannel(out));
                    if (sent <= 0) {
                        throw new IOException("the stack's file " + file + " ended early");
                    }
                }
                position = start + (to - from);
            }
        }
    }

    /** One item's blocks, one per dataset wanted, and the buffers its read borrows. */
    private static final class Blocks {
        final ByteBuffer[] blocks;
        final CropService.ReadBuffers buffers;

        Blocks(List<BandStack> wanted) {
            blocks = new ByteBuffer[wanted.size()];
            int band = 0;
            for (int d = 0; d < blocks.length; d++) {
                BandStack dataset = wanted.get(d);
                blocks[d] = ByteBuffer.allocate(Math.toIntExact(dataset.itemBytes())).order(ByteOrder.LITTLE_ENDIAN);
                band = Math.max(band, dataset.width() * dataset.height() * dataset.type().bytes());
            }
            buffers = new CropService.ReadBuffers(band);
        }
    }

    /** Fills {@code into} with an item's blocks for {@code wanted} datasets: each its (C, H, W) samples, little-endian. */
    private Blocks encode(StackService.StackItem item, List<BandStack> wanted, Blocks into) {
        for (ByteBuffer block : into.blocks) {
            block.clear();
        }
        crops.stackBlocks(item.id(), item.assets(), model, wanted, into.blocks, into.buffers);
        for (ByteBuffer block : into.blocks) {
            if (block.hasRemaining()) {
                throw new IllegalStateException("item '" + item.id() + "' filled " + block.position() + " of its "
                        + block.capacity() + " bytes in the stack");
            }
            block.flip();
        }
        return into;
    }

    private static Blocks await(Future<Blocks> block) throws IOException {
        try {
            return block.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the stack's items", e);
        } catch (ExecutionException e) {
            throw new IOException("an item of the stack could not be read: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
