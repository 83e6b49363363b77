package io.patchserve.raster.png;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Checks that a stream is a whole, uncorrupted PNG without decoding pixels: the signature, an IHDR first,
 * every chunk's CRC, and an IEND at the end. A truncated download or a flipped bit fails here, before
 * anything is uploaded.
 */
public final class PngInspector {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int MAX_CHUNK = 1 << 30;

    /** What the header says. Colour types: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
    public record PngInfo(int width, int height, int bitDepth, int colorType) {
        public int channels() {
            return switch (colorType) {
                case 0, 3 -> 1;
                case 4 -> 2;
                case 2 -> 3;
                case 6 -> 4;
                default -> 0;
            };
        }
    }

    public static class InvalidPngException extends Exception {
        public InvalidPngException(String message) {
            super(message);
        }
    }

    private PngInspector() {
    }

    public static PngInfo inspect(InputStream stream) throws IOException, InvalidPngException {
        DataInputStream in = new DataInputStream(stream);
        byte[] signature = new byte[SIGNATURE.length];
        if (in.readNBytes(signature, 0, signature.length) < signature.length || !Arrays.equals(signature, SIGNATURE)) {
            throw new InvalidPngException("not a PNG (bad signature)");
        }
        PngInfo info = null;
        byte[] buffer = new byte[64 * 1024];
        CRC32 crc = new CRC32();
        try {
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] type = new byte[4];
                in.readFully(type);
                String name = new String(type, StandardCharsets.US_ASCII);
                if (length > MAX_CHUNK) {
                    throw new InvalidPngException("chunk " + name + " claims " + length + " bytes");
                }
                if (info == null && !name.equals("IHDR")) {
                    throw new InvalidPngException("first chunk is " + name + ", not IHDR");
                }
                crc.reset();
                crc.update(type);
                byte[] header = null;
                if (name.equals("IHDR")) {
                    if (length != 13) {
                        throw new InvalidPngException("IHDR has " + length + " bytes, not 13");
                    }
                    header = new byte[13];
                    in.readFully(header);
                    crc.update(header);
                } else {
                    long left = length;
                    while (left > 0) {
                        int n = (int) Math.min(buffer.length, left);
                        in.readFully(buffer, 0, n);
                        crc.update(buffer, 0, n);
                        left -= n;
                    }
                }
                long expected = Integer.toUnsignedLong(in.readInt());
                if (crc.getValue() != expected) {
                    throw new InvalidPngException("chunk " + name + " fails its CRC (corrupt file)");
                }
                if (header != null) {
                    info = header(header);
                }
                if (name.equals("IEND")) {
                    if (in.read() != -1) {
                        throw new InvalidPngException("data after the IEND chunk");
                    }
                    return info;
                }
            }
        } catch (EOFException e) {
            throw new InvalidPngException("truncated PNG (no IEND chunk)");
        }
    }

    private static PngInfo header(byte[] h) throws InvalidPngException {
        int width = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        int height = ((h[4] & 0xff) << 24) | ((h[5] & 0xff) << 16) | ((h[6] & 0xff) << 8) | (h[7] & 0xff);
        PngInfo info = new PngInfo(width, height, h[8] & 0xff, h[9] & 0xff);
        if (width <= 0 || height <= 0 || info.channels() == 0) {
            throw new InvalidPngException("invalid IHDR (" + width + "x" + height + ", colour type " + info.colorType() + ")");
        }
        return info;
    }
}
