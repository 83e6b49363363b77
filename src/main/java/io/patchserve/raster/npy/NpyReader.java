package io.patchserve.raster.npy;

import io.patchserve.raster.DataType;
import io.patchserve.raster.NotReadable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one array in NumPy's {@code .npy} format (versions 1.0 to 3.0; what {@code numpy.save} and each member of
 * a {@code numpy.savez} archive hold): the magic string, a Python-literal header with {@code descr},
 * {@code fortran_order} and {@code shape}, then the samples. No Java library for it resolves from Maven Central
 * here, and the format is small and documented (numpy.lib.format). Numbers only: booleans, integers up to 32 bits
 * and floats of 16, 32 and 64 bits, either byte order; float16 is widened to float32, exactly.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /** A decoded array: its type as stored here, its shape, and its values in C order. */
    public record NpyArray(DataType type, int[] shape, Object values) {

        /** The value at {@code index} (one per dimension). */
        public double get(int... index) {
            int flat = 0;
            for (int d = 0; d < shape.length; d++) {
                flat = flat * shape[d] + index[d];
            }
            return values instanceof float[] f ? f[flat] : ((double[]) values)[flat];
        }
    }

    /** Reads the array at the stream's position; refuses arrays of more than {@code maxValues} values. */
    public static NpyArray read(InputStream in, long maxValues) throws IOException, NotReadable {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new NotReadable("not a .npy array (no \\x93NUMPY magic)");
        }
        int major = magic[6];
        byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(Arrays.copyOf(lengthBytes, 4)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = lb.getInt();
        if (major < 1 || major > 3 || headerLength < 0 || headerLength > 65_536) {
            throw new NotReadable(".npy version " + major + " with a " + headerLength + "-byte header is not read");
        }
        String header = new String(in.readNBytes(headerLength), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header), fortran = FORTRAN.matcher(header), shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new NotReadable(".npy header " + header.strip() + " is not a plain numeric array (descr, fortran_order, shape)");
        }
        int[] shape = shape(shapeText.group(1));
        long count = Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact);
        if (count > maxValues) {
            throw new NotReadable("an array of shape " + Arrays.toString(shape) + " is more than the " + maxValues + " values read here");
        }
        char kind = descr.group(2).charAt(0);
        int size = Integer.parseInt(descr.group(3));
        DataType type = type(kind, size, header);
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] bytes = in.readNBytes(Math.toIntExact(count * size));
        if (bytes.length != count * size) {
            throw new NotReadable("the array's data ends after " + bytes.length + " of " + count * size + " bytes");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(order);
        boolean wide = type == DataType.FLOAT64 || type == DataType.INT32 || type == DataType.UINT32;
        Object values = wide ? new double[(int) count] : new float[(int) count];
        int[] cIndex = fortran.group(1).equals("True") ? fortranToC(shape) : null;
        for (int i = 0; i < count; i++) {
            double v = sample(data, i * size, kind, size);
            int at = cIndex == null ? i : cIndex[i];
            if (wide) {
                ((double[]) values)[at] = v;
            } else {
                ((float[]) values)[at] = (float) v;
            }
        }
        return new NpyArray(type, shape, values);
    }

    private static int[] shape(String text) throws NotReadable {
        String[] parts = text.split(",");
        int[] out = new int[parts.length];
        int n = 0;
        for (String part : parts) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                out[n] = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                out[n] = -1;
            }
            if (out[n++] < 0) {
                throw new NotReadable(".npy shape (" + text + ") is not a list of sizes");
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static DataType type(char kind, int size, String header) throws NotReadable {
        DataType t = switch (kind + "" + size) {
            case "b1", "u1" -> DataType.UINT8;
            case "i1" -> DataType.INT8;
            case "u2" -> DataType.UINT16;
            case "i2" -> DataType.INT16;
            case "u4" -> DataType.UINT32;
            case "i4" -> DataType.INT32;
            case "f2", "f4" -> DataType.FLOAT32;
            case "f8" -> DataType.FLOAT64;
            default -> null;
        };
        if (t == null) {
            throw new NotReadable(".npy dtype " + kind + size + " (" + header.strip() + ") is not read: numbers up to 32-bit "
                    + "integers and 64-bit floats only");
        }
        return t;
    }

    private static double sample(ByteBuffer b, int at, char kind, int size) {
        return switch (kind + "" + size) {
            case "b1", "u1" -> b.get(at) & 0xFF;
            case "i1" -> b.get(at);
            case "u2" -> b.getShort(at) & 0xFFFF;
            case "i2" -> b.getShort(at);
            case "u4" -> b.getInt(at) & 0xFFFF_FFFFL;
            case "i4" -> b.getInt(at);
            case "f2" -> Float.float16ToFloat(b.getShort(at));
            case "f4" -> b.getFloat(at);
            default -> b.getDouble(at);
        };
    }

    /** For a Fortran-ordered array: the C-order position of each value in file order. */
    private static int[] fortranToC(int[] shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int[] out = new int[n];
        int[] index = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int flat = 0;
            for (int d = 0; d < shape.length; d++) {
                flat = flat * shape[d] + index[d];
            }
            out[i] = flat;
            for (int d = 0; d < shape.length && ++index[d] == shape[d]; d++) { // first index fastest
                index[d] = 0;
            }
        }
        return out;
    }
}
