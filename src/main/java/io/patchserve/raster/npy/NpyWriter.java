package io.patchserve.raster.npy;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bands of one type and size as one (C, H, W) array in NumPy's {@code .npy} format (version 1.0), which
 * {@code numpy.load} reads from a file or bytes with no other library: a magic string, a Python-literal header
 * with dtype, order and shape padded to 64 bytes, then the samples in C order, little-endian.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    /** NumPy's name for the type, little-endian ({@code |} for single bytes, which have no order). */
    public static String descr(DataType type) {
        return switch (type) {
            case UINT8 -> "|u1";
            case INT8 -> "|i1";
            case UINT16 -> "<u2";
            case INT16 -> "<i2";
            case UINT32 -> "<u4";
            case INT32 -> "<i4";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
        };
    }

    /** The bytes the header takes, so a caller can state the file's length before writing it. */
    public static byte[] header(DataType type, int bands, int height, int width) {
        String dict = "{'descr': '" + descr(type) + "', 'fortran_order': False, 'shape': (" + bands + ", " + height + ", "
                + width + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes {@code arrays} (one per band, all of one type and size) as one .npy array to {@code out}. */
    public static void write(OutputStream out, List<BandArray> arrays) throws IOException {
        BandArray first = arrays.getFirst();
        DataType type = first.type();
        out.write(header(type, arrays.size(), first.height(), first.width()));
        ByteBuffer samples = ByteBuffer.allocate(first.length() * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (BandArray band : arrays) {
            if (band.type() != type || band.width() != first.width() || band.height() != first.height()) {
                throw new IllegalArgumentException("an .npy array holds bands of one type and size");
            }
            samples.clear();
            band.putLittleEndian(samples);
            out.write(samples.array(), 0, samples.position());
        }
    }
}
