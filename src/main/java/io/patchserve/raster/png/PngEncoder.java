package io.patchserve.raster.png;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes 8-bit PNGs (grey, grey+alpha, RGB, RGBA) straight to a stream: each row is filtered with PNG's "Sub"
 * filter and deflated into IDAT chunks of at most 64 KiB, so memory stays at one row plus the deflater's window.
 * The output depends only on the pixels and the level, so the same crop is the same bytes every time.
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
    private static final int IDAT_CHUNK = 1 << 16;

    private PngEncoder() {
    }

    /** Source of pixel rows: fills {@code row} with {@code width * channels} interleaved samples of row {@code y}. */
    public interface Rows {
        void row(int y, byte[] row);
    }

    /**
     * @param channels 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA
     * @param level    deflate level (1 fast .. 9 small), or 0 for Huffman coding only: after the Sub filter, imagery
     *                 codes within a few percent of level 1 at about a third of the time, flat areas at best 8:1
     */
    public static void write(OutputStream out, int width, int height, int channels, Rows rows, int level) throws IOException {
        int colourType = switch (channels) {
            case 1 -> 0;
            case 2 -> 4;
            case 3 -> 2;
            case 4 -> 6;
            default -> throw new IllegalArgumentException("channels must be 1 to 4, not " + channels);
        };
        out.write(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;
        header[9] = (byte) colourType;
        chunk(out, "IHDR", header, header.length);

        int stride = width * channels;
        byte[] row = new byte[stride];
        byte[] filtered = new byte[stride + 1];
        filtered[0] = 1; // Sub
        Deflater deflater = new Deflater(level == 0 ? 1 : level);
        if (level == 0) {
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
        }
        try (IdatStream idat = new IdatStream(out);
             DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, IDAT_CHUNK)) {
            for (int y = 0; y < height; y++) {
                rows.row(y, row);
                System.arraycopy(row, 0, filtered, 1, Math.min(channels, stride));
                for (int i = channels; i < stride; i++) {
                    filtered[i + 1] = (byte) (row[i] - row[i - channels]);
                }
                z.write(filtered, 0, stride + 1);
            }
            z.finish();
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        out.flush();
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] len = new byte[4];
        putInt(len, 0, length);
        out.write(len);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Buffers deflated bytes into IDAT chunks; closing writes the last one but leaves the target open. */
    private static final class IdatStream extends OutputStream {
        private final OutputStream target;
        private final byte[] buffer = new byte[IDAT_CHUNK];
        private int used;

        IdatStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == buffer.length) {
                    flushChunk();
                }
            }
        }

        private void flushChunk() throws IOException {
            if (used > 0) {
                chunk(target, "IDAT", buffer, used);
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }
    }
}
