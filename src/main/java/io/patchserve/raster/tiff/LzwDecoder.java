package io.patchserve.raster.tiff;

/**
 * TIFF's LZW (compression 5): codes of 9 to 12 bits, most significant bit first, 256 clears the table, 257
 * ends the data, and the code width grows one code early (at 511, 1023, 2047), as TIFF 6.0 specifies.
 */
final class LzwDecoder {

    private static final int CLEAR = 256;
    private static final int END = 257;
    private static final int FIRST_FREE = 258;
    private static final int TABLE_SIZE = 4096;

    private final int[] prefix = new int[TABLE_SIZE];
    private final byte[] suffix = new byte[TABLE_SIZE];
    private final byte[] first = new byte[TABLE_SIZE];
    private final int[] length = new int[TABLE_SIZE];

    LzwDecoder() {
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
            prefix[i] = -1;
        }
    }

    /** Decodes {@code input} into {@code out} (sized to the block's expected bytes); returns the bytes written. */
    int decode(byte[] input, byte[] out) throws InvalidTiffException {
        long bitPos = 0;
        long totalBits = (long) input.length * 8;
        int width = 9;
        int next = FIRST_FREE;
        int previous = -1;
        int pos = 0;
        while (bitPos + width <= totalBits) {
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
                pos = emit(code, out, pos);
                previous = code;
                continue;
            }
            if (code > next || next >= TABLE_SIZE) {
                throw new InvalidTiffException("corrupt LZW data (code " + code + " with " + next + " entries)");
            }
            byte head = code < next ? first[code] : first[previous];
            prefix[next] = previous;
            suffix[next] = head;
            first[next] = first[previous];
            length[next] = length[previous] + 1;
            next++;
            pos = emit(code, out, pos);
            previous = code;
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        return pos;
    }

    private int emit(int code, byte[] out, int pos) {
        int len = length[code];
        int end = pos + len;
        int c = code;
        for (int i = end - 1; i >= pos; i--) {
            if (i < out.length) {
                out[i] = suffix[c];
            }
            c = prefix[c];
        }
        return Math.min(end, out.length);
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
