package io.patchserve.raster;

/**
 * The pixels of one band, row-major, in the smallest Java array that holds its type: byte[] for 8-bit,
 * short[] for 16-bit, int[] for 32-bit integers, float[] and double[]. Unsigned values are stored in the
 * signed array of their width and widened on read, so a uint16 stays a uint16 from source to output.
 */
public final class BandArray {

    private final DataType type;
    private final int width;
    private final int height;
    private final Object data;

    private BandArray(DataType type, int width, int height, Object data) {
        this.type = type;
        this.width = width;
        this.height = height;
        this.data = data;
    }

    public static BandArray allocate(DataType type, int width, int height) {
        int n = Math.multiplyExact(width, height);
        Object data = switch (type) {
            case UINT8, INT8 -> new byte[n];
            case UINT16, INT16 -> new short[n];
            case UINT32, INT32 -> new int[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
        return new BandArray(type, width, height, data);
    }

    /** Wraps an array of the type's storage class (see the class comment); it is not copied. */
    public static BandArray wrap(DataType type, int width, int height, Object data) {
        BandArray probe = allocate(type, 0, 0);
        if (probe.data.getClass() != data.getClass() || java.lang.reflect.Array.getLength(data) != (long) width * height) {
            throw new IllegalArgumentException(type.id() + " " + width + "x" + height + " cannot wrap "
                    + data.getClass().getSimpleName() + " of length " + java.lang.reflect.Array.getLength(data));
        }
        return new BandArray(type, width, height, data);
    }

    public DataType type() {
        return type;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int length() {
        return width * height;
    }

    /** The backing array (byte[], short[], int[], float[] or double[]). */
    public Object data() {
        return data;
    }

    /** A copy of columns {@code col..col+width} and rows {@code row..row+height} (inside the band). */
    public BandArray region(int col, int row, int width, int height) {
        BandArray out = allocate(type, width, height);
        for (int r = 0; r < height; r++) {
            System.arraycopy(data, (row + r) * this.width + col, out.data, r * width, width);
        }
        return out;
    }

    /** This band in {@code wider} (a type that holds every value of this one); itself when the type is the same. */
    public BandArray as(DataType wider) {
        if (wider == type) {
            return this;
        }
        BandArray out = allocate(wider, width, height);
        for (int i = 0, n = length(); i < n; i++) {
            out.set(i, get(i));
        }
        return out;
    }

    /** Puts every sample, row-major, into {@code out} (little-endian, as .npy and HDF5 files here store them). */
    public void putLittleEndian(java.nio.ByteBuffer out) {
        java.nio.ByteBuffer le = out.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? out
                : out.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int start = le.position();
        switch (data) {
            case byte[] a -> le.put(a);
            case short[] a -> le.asShortBuffer().put(a);
            case int[] a -> le.asIntBuffer().put(a);
            case float[] a -> le.asFloatBuffer().put(a);
            case double[] a -> le.asDoubleBuffer().put(a);
            default -> throw new IllegalStateException("no samples in " + data.getClass());
        }
        out.position(start + length() * type.bytes());
    }

    /** Fills every sample, row-major, from {@code in} (little-endian, as {@link #putLittleEndian} writes them). */
    public void getLittleEndian(java.nio.ByteBuffer in) {
        java.nio.ByteBuffer le = in.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? in
                : in.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int start = le.position();
        switch (data) {
            case byte[] a -> le.get(a);
            case short[] a -> le.asShortBuffer().get(a);
            case int[] a -> le.asIntBuffer().get(a);
            case float[] a -> le.asFloatBuffer().get(a);
            case double[] a -> le.asDoubleBuffer().get(a);
            default -> throw new IllegalStateException("no samples in " + data.getClass());
        }
        in.position(start + length() * type.bytes());
    }

    public double get(int index) {
        return switch (type) {
            case UINT8 -> ((byte[]) data)[index] & 0xFF;
            case INT8 -> ((byte[]) data)[index];
            case UINT16 -> ((short[]) data)[index] & 0xFFFF;
            case INT16 -> ((short[]) data)[index];
            case UINT32 -> ((int[]) data)[index] & 0xFFFFFFFFL;
            case INT32 -> ((int[]) data)[index];
            case FLOAT32 -> ((float[]) data)[index];
            case FLOAT64 -> ((double[]) data)[index];
        };
    }

    public double get(int col, int row) {
        return get(row * width + col);
    }

    /** Stores a value that the type can hold (the caller converts; integers are truncated to the type's width). */
    public void set(int index, double value) {
        switch (type) {
            case UINT8, INT8 -> ((byte[]) data)[index] = (byte) (long) value;
            case UINT16, INT16 -> ((short[]) data)[index] = (short) (long) value;
            case UINT32, INT32 -> ((int[]) data)[index] = (int) (long) value;
            case FLOAT32 -> ((float[]) data)[index] = (float) value;
            case FLOAT64 -> ((double[]) data)[index] = value;
        }
    }

    /**
     * Copies {@code offsets.length} pixels of a row of {@code source} (same type): pixel {@code dst + i} takes
     * {@code source[sourceRowStart + offsets[i]]}. Resampling's inner loop, without a detour through double.
     */
    public void gather(BandArray source, int sourceRowStart, int[] offsets, int dst) {
        switch (data) {
            case byte[] d -> {
                byte[] s = (byte[]) source.data;
                for (int i = 0; i < offsets.length; i++) d[dst + i] = s[sourceRowStart + offsets[i]];
            }
            case short[] d -> {
                short[] s = (short[]) source.data;
                for (int i = 0; i < offsets.length; i++) d[dst + i] = s[sourceRowStart + offsets[i]];
            }
            case int[] d -> {
                int[] s = (int[]) source.data;
                for (int i = 0; i < offsets.length; i++) d[dst + i] = s[sourceRowStart + offsets[i]];
            }
            case float[] d -> {
                float[] s = (float[]) source.data;
                for (int i = 0; i < offsets.length; i++) d[dst + i] = s[sourceRowStart + offsets[i]];
            }
            case double[] d -> {
                double[] s = (double[]) source.data;
                for (int i = 0; i < offsets.length; i++) d[dst + i] = s[sourceRowStart + offsets[i]];
            }
            default -> throw new IllegalStateException();
        }
    }
}
