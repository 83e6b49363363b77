package io.patchserve.raster.tiff;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.PixelBudget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads GeoTIFFs as GDAL writes them, single-band ({@link #read}) or of several bands pixel- or band-interleaved
 * ({@link #readBands}): striped or tiled; uncompressed, LZW, Deflate or PackBits;
 * horizontal-differencing predictor; 8 to 64-bit integer and float samples in either byte order; georeference
 * from ModelTiepoint + ModelPixelScale or ModelTransformation, the CRS from the GeoKey directory, and
 * GDAL_NODATA. Every offset is checked against the file's size, so a truncated file is an error, not garbage.
 * Its own reader rather than a general raster library: ingest reads a dozen small files per patch, and this
 * costs a fraction of a millisecond each.
 */
public final class TiffReader {

    private static final int IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258, COMPRESSION = 259,
            STRIP_OFFSETS = 273, SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278, STRIP_BYTE_COUNTS = 279,
            PLANAR_CONFIGURATION = 284, PREDICTOR = 317, TILE_WIDTH = 322, TILE_LENGTH = 323, TILE_OFFSETS = 324,
            TILE_BYTE_COUNTS = 325, SAMPLE_FORMAT = 339, MODEL_PIXEL_SCALE = 33550, MODEL_TIEPOINT = 33922,
            MODEL_TRANSFORMATION = 34264, GEO_KEY_DIRECTORY = 34735, GDAL_NODATA = 42113;
    private static final int GT_RASTER_TYPE = 1025, GEOGRAPHIC_TYPE = 2048, PROJECTED_CS_TYPE = 3072;
    private static final int PIXEL_IS_POINT = 2, USER_DEFINED = 32767;
    private static final long MAX_FILE_BYTES = 1L << 30;
    /**
     * Files up to this size are read into the heap rather than mapped. A mapping is undone by a munmap in the JVM's
     * Reference Handler once the buffer is collected, and for BigEarthNet's twelve small TIFFs per patch those
     * unmaps alone took ~8 % of an import's CPU (a CPU-time profile of a 300-patch import).
     */
    private static final long READ_INTO_HEAP_BYTES = 8L << 20;
    /** More bands than any sensor's: a SamplesPerPixel beyond it is a damaged or hostile file. */
    private static final int MAX_BANDS = 1024;
    private static final PixelBudget UNBOUNDED = new PixelBudget(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    private TiffReader() {
    }

    /** Reads a single-band file with no budget but the reader's own bounds (1 GiB files, arrays a Java array can hold). */
    public static TiffImage read(Path file) throws IOException, InvalidTiffException {
        return read(file, UNBOUNDED);
    }

    /**
     * Reads a single-band file (a file of several bands is refused), refusing from its header, before any
     * allocation, an image larger than {@code budget}.
     */
    public static TiffImage read(Path file, PixelBudget budget) throws IOException, InvalidTiffException {
        return read(file, budget, false);
    }

    /** Reads a file of any number of bands, each a whole image of the budget's size at most. */
    public static TiffImage readBands(Path file, PixelBudget budget) throws IOException, InvalidTiffException {
        return read(file, budget, true);
    }

    private static TiffImage read(Path file, PixelBudget budget, boolean manyBands) throws IOException, InvalidTiffException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_FILE_BYTES) {
                throw new InvalidTiffException("TIFF larger than " + MAX_FILE_BYTES + " bytes");
            }
            return read(size <= READ_INTO_HEAP_BYTES ? readAll(channel, (int) size)
                    : channel.map(FileChannel.MapMode.READ_ONLY, 0, size), budget, manyBands);
        }
    }

    private static ByteBuffer readAll(FileChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // until the whole file is in (a short read is not the end)
        }
        return buffer.flip();
    }

    public static TiffImage read(ByteBuffer file, PixelBudget budget) throws InvalidTiffException {
        return read(file, budget, false);
    }

    private static TiffImage read(ByteBuffer file, PixelBudget budget, boolean manyBands) throws InvalidTiffException {
        try {
            return new Parser(file.duplicate(), budget, manyBands).parse();
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new InvalidTiffException("truncated TIFF: an offset points past the end of the file");
        }
    }

    private static final class Parser {
        private final ByteBuffer buf;
        private final PixelBudget budget;
        private final boolean manyBands;
        private final Map<Integer, Entry> tags = new HashMap<>();

        Parser(ByteBuffer buf, PixelBudget budget, boolean manyBands) {
            this.buf = buf;
            this.budget = budget;
            this.manyBands = manyBands;
        }

        TiffImage parse() throws InvalidTiffException {
            if (buf.limit() < 8) {
                throw new InvalidTiffException("not a TIFF: " + buf.limit() + " bytes");
            }
            byte b0 = buf.get(0), b1 = buf.get(1);
            if (b0 == 'I' && b1 == 'I') {
                buf.order(ByteOrder.LITTLE_ENDIAN);
            } else if (b0 == 'M' && b1 == 'M') {
                buf.order(ByteOrder.BIG_ENDIAN);
            } else {
                throw new InvalidTiffException("not a TIFF (no II/MM byte order mark)");
            }
            int magic = buf.getShort(2) & 0xFFFF;
            if (magic == 43) {
                throw new InvalidTiffException("BigTIFF is not supported");
            }
            if (magic != 42) {
                throw new InvalidTiffException("not a TIFF (magic number " + magic + ")");
            }
            readDirectory(buf.getInt(4) & 0xFFFFFFFFL);

            int width = (int) single(IMAGE_WIDTH);
            int height = (int) single(IMAGE_LENGTH);
            if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE / 8) {
                throw new InvalidTiffException("unsupported image size " + width + "x" + height);
            }
            int bandCount = (int) single(SAMPLES_PER_PIXEL, 1);
            if (bandCount < 1 || bandCount > MAX_BANDS || !manyBands && bandCount != 1) {
                throw new InvalidTiffException("only single-band TIFFs are supported, this one has "
                        + single(SAMPLES_PER_PIXEL, 1) + " samples per pixel");
            }
            boolean planar = single(PLANAR_CONFIGURATION, 1) == 2;
            DataType type = dataType((int) single(BITS_PER_SAMPLE, 1), (int) single(SAMPLE_FORMAT, 1));
            String tooLarge = budget.refusal(width, height, (long) type.bytes() * bandCount);
            if (tooLarge != null) {
                throw new InvalidTiffException(tooLarge);
            }
            int compression = (int) single(COMPRESSION, 1);
            int predictor = (int) single(PREDICTOR, 1);
            if (predictor != 1 && predictor != 2) {
                throw new InvalidTiffException("unsupported predictor " + predictor);
            }
            List<BandArray> bands = new ArrayList<>(bandCount);
            for (int b = 0; b < bandCount; b++) {
                bands.add(BandArray.allocate(type, width, height));
            }
            Blocks blocks = tags.containsKey(TILE_OFFSETS)
                    ? new Blocks((int) single(TILE_WIDTH), (int) single(TILE_LENGTH), values(TILE_OFFSETS), values(TILE_BYTE_COUNTS))
                    : new Blocks(width, (int) Math.min(single(ROWS_PER_STRIP, height), height), values(STRIP_OFFSETS), values(STRIP_BYTE_COUNTS));
            if (planar && bandCount > 1) {
                // band-interleaved: every band's blocks in turn, each band decoded as a single-band image
                int perBand = blocks.across(width) * blocks.down(height);
                for (int b = 0; b < bandCount; b++) {
                    decodeBlocks(blocks, b * perBand, List.of(bands.get(b)), type, compression, predictor);
                }
            } else {
                decodeBlocks(blocks, 0, bands, type, compression, predictor);
            }
            return new TiffImage(bands, grid(width, height), epsg(), nodata());
        }

        private record Blocks(int width, int height, long[] offsets, long[] byteCounts) {
            int across(int imageWidth) {
                return (imageWidth + width - 1) / width;
            }

            int down(int imageHeight) {
                return (imageHeight + height - 1) / height;
            }
        }

        /**
         * Decodes the blocks from {@code first} on into {@code targets}: one band, or the bands a pixel-interleaved
         * block holds sample after sample.
         */
        private void decodeBlocks(Blocks blocks, int first, List<BandArray> targets, DataType type, int compression,
                                  int predictor) throws InvalidTiffException {
            BandArray pixels = targets.getFirst();
            int across = blocks.across(pixels.width());
            int down = blocks.down(pixels.height());
            if (blocks.offsets.length < first + (long) across * down || blocks.byteCounts.length < blocks.offsets.length) {
                throw new InvalidTiffException("the file lists " + blocks.offsets.length + " blocks, "
                        + (first + (long) across * down) + " needed");
            }
            int pixelBytes = type.bytes() * targets.size();
            byte[] decoded = new byte[blocks.width * blocks.height * pixelBytes];
            // one decoder for all the image's blocks (a small-tiled band has hundreds), made only for its compression:
            // an LZW table is 32 KiB, and an Inflater holds native memory that a Cleaner must free
            Inflater inflater = compression == 8 || compression == 32946 ? new Inflater() : null;
            LzwDecoder lzw = compression == 5 ? new LzwDecoder() : null;
            try {
                for (int by = 0; by < down; by++) {
                    for (int bx = 0; bx < across; bx++) {
                        int index = first + by * across + bx;
                        byte[] raw = slice(blocks.offsets[index], blocks.byteCounts[index]);
                        int rowsInBlock = Math.min(blocks.height, pixels.height() - by * blocks.height);
                        // a strip's last block holds only its rows; a tile is always whole
                        int expected = (blocks.width == pixels.width() && across == 1 ? rowsInBlock : blocks.height)
                                * blocks.width * pixelBytes;
                        int got = decompress(compression, raw, decoded, expected, inflater, lzw);
                        if (got < expected) {
                            throw new InvalidTiffException("block " + index + " decodes to " + got + " bytes, " + expected + " expected (truncated?)");
                        }
                        if (predictor == 2) {
                            undoPredictor(decoded, blocks.width, expected / (blocks.width * pixelBytes), type.bytes(), targets.size());
                        }
                        if (targets.size() == 1) {
                            copyBlock(decoded, pixels, bx * blocks.width, by * blocks.height, blocks.width, rowsInBlock);
                        } else {
                            deinterleave(decoded, targets, bx * blocks.width, by * blocks.height, blocks.width, rowsInBlock);
                        }
                    }
                }
            } finally {
                if (inflater != null) {
                    inflater.end();
                }
            }
        }

        private byte[] slice(long offset, long length) throws InvalidTiffException {
            if (offset < 0 || length < 0 || offset + length > buf.limit()) {
                throw new InvalidTiffException("truncated TIFF: a block at " + offset + "+" + length
                        + " ends past the file's " + buf.limit() + " bytes");
            }
            byte[] out = new byte[(int) length];
            buf.get((int) offset, out);
            return out;
        }

        private static int decompress(int compression, byte[] raw, byte[] out, int expected, Inflater inflater,
                                      LzwDecoder lzw) throws InvalidTiffException {
            switch (compression) {
                case 1 -> {
                    int n = Math.min(raw.length, expected);
                    System.arraycopy(raw, 0, out, 0, n);
                    return n;
                }
                case 5 -> {
                    return lzw.decode(raw, out);
                }
                case 8, 32946 -> {
                    inflater.reset();
                    inflater.setInput(raw);
                    try {
                        int n = 0;
                        while (n < expected && !inflater.finished()) {
                            int k = inflater.inflate(out, n, expected - n);
                            if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                                break;
                            }
                            n += k;
                        }
                        return n;
                    } catch (DataFormatException e) {
                        throw new InvalidTiffException("corrupt Deflate data: " + e.getMessage());
                    }
                }
                case 32773 -> {
                    return unpackBits(raw, out, expected);
                }
                default -> throw new InvalidTiffException("unsupported TIFF compression " + compression);
            }
        }

        private static int unpackBits(byte[] in, byte[] out, int expected) {
            int i = 0, n = 0;
            while (i < in.length && n < expected) {
                int header = in[i++];
                if (header >= 0) {
                    int count = Math.min(header + 1, Math.min(in.length - i, expected - n));
                    System.arraycopy(in, i, out, n, count);
                    i += header + 1;
                    n += count;
                } else if (header != -128 && i < in.length) {
                    int count = Math.min(1 - header, expected - n);
                    java.util.Arrays.fill(out, n, n + count, in[i++]);
                    n += count;
                }
            }
            return n;
        }

        /**
         * Horizontal differencing: each sample was stored as the difference from the same band's sample of its left
         * neighbour, taken on the sample's bits as an unsigned integer of its width (as libtiff does, for
         * floating-point samples too).
         */
        private void undoPredictor(byte[] data, int width, int rows, int sampleBytes, int samplesPerPixel) {
            ByteBuffer view = ByteBuffer.wrap(data).order(buf.order());
            int pixelBytes = sampleBytes * samplesPerPixel;
            for (int r = 0; r < rows; r++) {
                int rowStart = r * width * pixelBytes;
                for (int c = samplesPerPixel; c < width * samplesPerPixel; c++) {
                    int at = rowStart + c * sampleBytes, left = at - pixelBytes;
                    switch (sampleBytes) {
                        case 1 -> data[at] = (byte) (data[at] + data[left]);
                        case 2 -> view.putShort(at, (short) (view.getShort(at) + view.getShort(left)));
                        case 4 -> view.putInt(at, view.getInt(at) + view.getInt(left));
                        default -> view.putLong(at, view.getLong(at) + view.getLong(left));
                    }
                }
            }
        }

        private void copyBlock(byte[] decoded, BandArray pixels, int x0, int y0, int blockWidth, int rows) {
            ByteBuffer view = ByteBuffer.wrap(decoded).order(buf.order());
            int cols = Math.min(blockWidth, pixels.width() - x0);
            int sampleBytes = pixels.type().bytes();
            Object target = pixels.data();
            for (int r = 0; r < rows; r++) {
                int src = r * blockWidth * sampleBytes;
                int dst = (y0 + r) * pixels.width() + x0;
                switch (target) {
                    case byte[] b -> System.arraycopy(decoded, src, b, dst, cols);
                    case short[] s -> view.position(src).asShortBuffer().get(s, dst, cols);
                    case int[] i -> view.position(src).asIntBuffer().get(i, dst, cols);
                    case float[] f -> view.position(src).asFloatBuffer().get(f, dst, cols);
                    case double[] d -> view.position(src).asDoubleBuffer().get(d, dst, cols);
                    default -> throw new IllegalStateException();
                }
            }
        }

        /** Copies a pixel-interleaved block's samples into their bands. */
        private void deinterleave(byte[] decoded, List<BandArray> targets, int x0, int y0, int blockWidth, int rows) {
            ByteBuffer view = ByteBuffer.wrap(decoded).order(buf.order());
            int bands = targets.size();
            BandArray first = targets.getFirst();
            int cols = Math.min(blockWidth, first.width() - x0);
            int sampleBytes = first.type().bytes();
            for (int b = 0; b < bands; b++) {
                Object target = targets.get(b).data();
                for (int r = 0; r < rows; r++) {
                    int src = (r * blockWidth * bands + b) * sampleBytes;
                    int dst = (y0 + r) * first.width() + x0;
                    int step = bands * sampleBytes;
                    for (int c = 0; c < cols; c++, src += step) {
                        switch (target) {
                            case byte[] a -> a[dst + c] = decoded[src];
                            case short[] a -> a[dst + c] = view.getShort(src);
                            case int[] a -> a[dst + c] = view.getInt(src);
                            case float[] a -> a[dst + c] = view.getFloat(src);
                            case double[] a -> a[dst + c] = view.getDouble(src);
                            default -> throw new IllegalStateException();
                        }
                    }
                }
            }
        }

        private GridGeometry grid(int width, int height) {
            Entry transformation = tags.get(MODEL_TRANSFORMATION);
            if (transformation != null && transformation.count >= 16) {
                double[] m = doubles(transformation);
                return new GridGeometry(width, height, new double[]{m[3], m[0], m[1], m[7], m[4], m[5]});
            }
            Entry scale = tags.get(MODEL_PIXEL_SCALE);
            Entry tie = tags.get(MODEL_TIEPOINT);
            if (scale == null || tie == null || scale.count < 2 || tie.count < 6) {
                return null;
            }
            double[] s = doubles(scale);
            double[] t = doubles(tie);
            double x0 = t[3] - t[0] * s[0];
            double y0 = t[4] + t[1] * s[1];
            if (geoKey(GT_RASTER_TYPE) == PIXEL_IS_POINT) {
                // the tiepoint names a pixel's centre; shift to its corner as GDAL does
                x0 -= s[0] / 2;
                y0 += s[1] / 2;
            }
            return new GridGeometry(width, height, new double[]{x0, s[0], 0, y0, 0, -s[1]});
        }

        private Integer epsg() {
            int projected = geoKey(PROJECTED_CS_TYPE);
            if (projected > 0 && projected != USER_DEFINED) {
                return projected;
            }
            int geographic = geoKey(GEOGRAPHIC_TYPE);
            return geographic > 0 && geographic != USER_DEFINED ? geographic : null;
        }

        private int geoKey(int key) {
            Entry dir = tags.get(GEO_KEY_DIRECTORY);
            if (dir == null) {
                return -1;
            }
            long[] v = values(dir);
            for (int i = 4; i + 3 < v.length; i += 4) {
                if (v[i] == key && v[i + 1] == 0) {
                    return (int) v[i + 3];
                }
            }
            return -1;
        }

        private Double nodata() {
            Entry e = tags.get(GDAL_NODATA);
            if (e == null) {
                return null;
            }
            byte[] text = new byte[(int) e.count];
            buf.get((int) e.valueOffset(), text);
            String s = new String(text, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "").trim();
            try {
                return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
            } catch (NumberFormatException ex) {
                return null;
            }
        }

        private static DataType dataType(int bits, int format) throws InvalidTiffException {
            DataType t = switch (format * 100 + bits) {
                case 108 -> DataType.UINT8;
                case 208 -> DataType.INT8;
                case 116 -> DataType.UINT16;
                case 216 -> DataType.INT16;
                case 132 -> DataType.UINT32;
                case 232 -> DataType.INT32;
                case 332 -> DataType.FLOAT32;
                case 364 -> DataType.FLOAT64;
                default -> null;
            };
            if (t == null) {
                throw new InvalidTiffException("unsupported sample type: " + bits + " bits, format " + format);
            }
            return t;
        }

        // ---- directory

        private record Entry(int tag, int type, long count, int fieldOffset, int typeSize, Parser owner) {
            long valueOffset() {
                return count * typeSize <= 4 ? fieldOffset : owner.buf.getInt(fieldOffset) & 0xFFFFFFFFL;
            }
        }

        private void readDirectory(long offset) throws InvalidTiffException {
            if (offset < 8 || offset + 2 > buf.limit()) {
                throw new InvalidTiffException("truncated TIFF: no image directory");
            }
            int n = buf.getShort((int) offset) & 0xFFFF;
            if (offset + 2 + n * 12L > buf.limit()) {
                throw new InvalidTiffException("truncated TIFF: image directory cut short");
            }
            for (int i = 0; i < n; i++) {
                int at = (int) offset + 2 + i * 12;
                int tag = buf.getShort(at) & 0xFFFF;
                int type = buf.getShort(at + 2) & 0xFFFF;
                long count = buf.getInt(at + 4) & 0xFFFFFFFFL;
                int size = switch (type) {
                    case 1, 2, 6, 7 -> 1;
                    case 3, 8 -> 2;
                    case 4, 9, 11 -> 4;
                    case 5, 10, 12, 16 -> 8;
                    default -> 0;
                };
                if (size == 0) {
                    continue;
                }
                Entry e = new Entry(tag, type, count, at + 8, size, this);
                if (e.valueOffset() + count * size > buf.limit()) {
                    throw new InvalidTiffException("truncated TIFF: tag " + tag + " points past the end of the file");
                }
                tags.put(tag, e);
            }
        }

        private long single(int tag) throws InvalidTiffException {
            if (!tags.containsKey(tag)) {
                throw new InvalidTiffException("TIFF tag " + tag + " is missing");
            }
            return single(tag, 0);
        }

        private long single(int tag, long fallback) {
            Entry e = tags.get(tag);
            return e == null || e.count == 0 ? fallback : values(e)[0];
        }

        private long[] values(int tag) throws InvalidTiffException {
            Entry e = tags.get(tag);
            if (e == null) {
                throw new InvalidTiffException("TIFF tag " + tag + " is missing");
            }
            return values(e);
        }

        private long[] values(Entry e) {
            long[] out = new long[(int) e.count];
            int at = (int) e.valueOffset();
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (e.type) {
                    case 1, 7 -> buf.get(at + i) & 0xFF;
                    case 6 -> buf.get(at + i);
                    case 3 -> buf.getShort(at + 2 * i) & 0xFFFF;
                    case 8 -> buf.getShort(at + 2 * i);
                    case 4 -> buf.getInt(at + 4 * i) & 0xFFFFFFFFL;
                    case 9 -> buf.getInt(at + 4 * i);
                    case 16 -> buf.getLong(at + 8 * i);
                    default -> 0;
                };
            }
            return out;
        }

        private double[] doubles(Entry e) {
            double[] out = new double[(int) e.count];
            int at = (int) e.valueOffset();
            for (int i = 0; i < out.length; i++) {
                out[i] = e.type == 12 ? buf.getDouble(at + 8 * i) : e.type == 11 ? buf.getFloat(at + 4 * i) : 0;
            }
            return out;
        }
    }
}
