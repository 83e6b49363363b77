package io.patchserve.raster.tiff;

/**
 * TIFF's LZW (compression 5): codes of 9 to 12 bits, most significant bit first, 256 clears the table, 257
 * ends the data, and the code width grows one code early (at 511, 1023, 2047), as TIFF 6.0 specifies.
 * <p>
 * A table entry made while decoding is the previous code's string plus one byte, and that is exactly what the
 * output already holds where the previous string was written, followed by the next string's first byte. So an
 * entry is kept as a place in the output (offset and length) and emitting it is a copy from earlier output,
 * rather than a walk back along a chain of prefixes.
 * <p>
 * One decoder serves any number of blocks, one after the other: every entry a block's codes read was made while
 * decoding that same block.
 */
final class LzwDecoder {

    private static final int CLEAR = 256;
    private static final int END = 257;
    private static final int FIRST_FREE = 258;
    private static final int TABLE_SIZE = 4096;

    private final int[] offset = new int[TABLE_SIZE];
    private final int[] length = new int[TABLE_SIZE];

    /** Decodes {@code input} into {@code out} (sized to the block's expected bytes); returns the bytes written. */
    int decode(byte[] input, byte[] out) throws InvalidTiffException {
        long bitPos = 0;
        long totalBits = (long) input.length * 8;
        int width = 9;
        int next = FIRST_FREE;
        int previous = -1;
        int previousAt = 0;
        int pos = 0;
        while (bitPos + width <= totalBits && pos < out.length) {
            int code = readCode(input, bitPos, width);
            bitPos += width;
            if (code == END) {
                break;
            }
            if (code == CLEAR) {
                width = 9;
                next = FIRST_FREE;
                previous = -1;
                continue;
            }
            if (previous == -1) {
                if (code > 255) {
                    throw new InvalidTiffException("LZW data starts with code " + code);
                }
                previousAt = pos;
                out[pos++] = (byte) code;
                previous = code;
                continue;
            }
            if (code > next || next >= TABLE_SIZE) {
                throw new InvalidTiffException("corrupt LZW data (code " + code + " with " + next + " entries)");
            }
            // the new entry: the previous string and the byte that follows it, which this code writes next
            offset[next] = previousAt;
            length[next] = lengthOf(previous) + 1;
            next++;
            previousAt = pos;
            pos = emit(code, out, pos);
            previous = code;
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        return pos;
    }

    private int lengthOf(int code) {
        return code < 256 ? 1 : length[code];
    }

    /**
     * Writes the code's string at {@code pos}, clipped to the output. A copy forward, byte by byte: a code made
     * just now (the "KwKwK" case) overlaps its own source by its last byte, which is written before it is read.
     */
    private int emit(int code, byte[] out, int pos) {
        if (code < 256) {
            out[pos] = (byte) code;
            return pos + 1;
        }
        int from = offset[code];
        int end = Math.min(pos + length[code], out.length);
        for (int i = pos; i < end; i++) {
            out[i] = out[from++];
        }
        return end;
    }

    private static int readCode(byte[] in, long bitPos, int width) {
        int byteIndex = (int) (bitPos >>> 3);
        int bitOffset = (int) (bitPos & 7);
        int value = (in[byteIndex] & 0xFF) << 16;
        if (byteIndex + 1 < in.length) {
            value |= (in[byteIndex + 1] & 0xFF) << 8;
        }
        if (byteIndex + 2 < in.length) {
            value |= in[byteIndex + 2] & 0xFF;
        }
        return (value >>> (24 - bitOffset - width)) & ((1 << width) - 1);
    }
}
