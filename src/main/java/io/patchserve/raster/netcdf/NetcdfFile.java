package io.patchserve.raster.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.NotReadable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NetCDF-4 file (an HDF5 file with netCDF's conventions, as xarray writes with the netcdf4 or h5netcdf engine)
 * read through jHDF: its dimensions, its data variables with their dimension names, and their values decoded as
 * xarray decodes them by default: {@code _FillValue}/{@code missing_value} become NaN, int16 packed with
 * float32 {@code scale_factor}/{@code add_offset} becomes float32 ({@code raw * scale + offset} in float32), any
 * other packing float64. NetCDF-3 (classic) files are refused with that reason: they are not HDF5.
 */
public final class NetcdfFile implements AutoCloseable {

    /** A data variable: its dimensions (outermost first), the sizes, and the type its values decode to. */
    public record Variable(String name, List<String> dims, int[] shape, DataType decodedType, Dataset dataset) {
    }

    private final HdfFile hdf;
    private final Map<String, Integer> dimensions = new LinkedHashMap<>();
    private final Map<String, Dataset> scales = new LinkedHashMap<>();
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Map<String, String> unread = new LinkedHashMap<>();

    private NetcdfFile(HdfFile hdf) {
        this.hdf = hdf;
        Map<Integer, String> byId = new LinkedHashMap<>();
        List<Dataset> data = new ArrayList<>();
        for (Node node : hdf.getChildren().values()) {
            if (!(node instanceof Dataset ds)) {
                continue;
            }
            if ("DIMENSION_SCALE".equals(text(ds, "CLASS"))) {
                dimensions.put(ds.getName(), ds.getDimensions().length == 1 ? ds.getDimensions()[0] : 0);
                scales.put(ds.getName(), ds);
                Object id = value(ds, "_Netcdf4Dimid");
                if (id instanceof Number n) {
                    byId.put(n.intValue(), ds.getName());
                }
            } else {
                data.add(ds);
            }
        }
        for (Dataset ds : data) {
            try {
                variables.put(ds.getName(), new Variable(ds.getName(), dims(ds, byId), ds.getDimensions(), decodedType(ds), ds));
            } catch (NotReadable e) {
                unread.put(ds.getName(), e.getMessage());
            }
        }
    }

    /** Opens {@code file}; a NetCDF-3 file or one that is not HDF5 is {@link NotReadable} with the reason. */
    public static NetcdfFile open(Path file) throws IOException, NotReadable {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(magic, 0, 4);
            if (n == 4 && magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F' && magic[3] >= 1 && magic[3] <= 5) {
                throw new NotReadable("a NetCDF-3 (classic" + (magic[3] == 1 ? "" : magic[3] == 2 ? ", 64-bit offset" : ", 64-bit data")
                        + ") file; only NetCDF-4 (HDF5) files are read: convert it with nccopy -k nc4 or xarray's to_netcdf");
            }
        }
        try {
            return new NetcdfFile(new HdfFile(file));
        } catch (HdfException e) {
            throw new NotReadable("not a NetCDF-4 (HDF5) file: " + e.getMessage());
        }
    }

    /** Dimension name to length, for the dimensions that have a coordinate or scale dataset. */
    public Map<String, Integer> dimensions() {
        return dimensions;
    }

    /** The data variables (coordinates excluded) by name. */
    public Map<String, Variable> variables() {
        return variables;
    }

    /** Variables that are not read (strings, compounds, unknown dimensions), with the reason. */
    public Map<String, String> unread() {
        return unread;
    }

    /** A 1-D coordinate's values as doubles. */
    public double[] coordinate(String dim) throws NotReadable {
        Dataset ds = scales.get(dim);
        if (ds == null) {
            throw new NotReadable("no coordinate '" + dim + "'");
        }
        return doubles(ds.getDataFlat());
    }

    /** The CF time coordinate {@code dim} decoded to instants, or the reason it does not decode. */
    public List<Instant> times(String dim) throws NotReadable {
        Dataset ds = scales.get(dim);
        if (ds == null) {
            throw new NotReadable("no time coordinate '" + dim + "'");
        }
        try {
            return CfTime.decode(doubles(ds.getDataFlat()), text(ds, "units"), text(ds, "calendar"));
        } catch (NotReadable e) {
            throw new NotReadable("time coordinate '" + dim + "': " + e.getMessage());
        }
    }

    /**
     * The grid of 1-D WGS84 {@code lat}/{@code lon} pixel-centre coordinates (evenly spaced; north-up whatever the
     * order of lat, see {@link #read}).
     */
    public GridGeometry lonLatGrid(String latDim, String lonDim) throws NotReadable {
        double[] lat = coordinate(latDim), lon = coordinate(lonDim);
        double dx = spacing(lon, lonDim), dy = Math.abs(spacing(lat, latDim));
        double top = Math.max(lat[0], lat[lat.length - 1]);
        return new GridGeometry(lon.length, lat.length, new double[]{lon[0] - dx / 2, dx, 0, top + dy / 2, 0, -dy});
    }

    /** Whether {@code latDim} runs south to north, so rows are flipped to store the grid north-up. */
    public boolean southUp(String latDim) throws NotReadable {
        double[] lat = coordinate(latDim);
        return lat.length > 1 && lat[1] > lat[0];
    }

    private static double spacing(double[] c, String dim) throws NotReadable {
        if (c.length < 2) {
            throw new NotReadable("coordinate '" + dim + "' has " + c.length + " value(s); a grid needs two");
        }
        double step = (c[c.length - 1] - c[0]) / (c.length - 1);
        for (int i = 1; i < c.length; i++) {
            if (Math.abs(c[i] - c[i - 1] - step) > Math.abs(step) * 1e-3) {
                throw new NotReadable("coordinate '" + dim + "' is not evenly spaced");
            }
        }
        return step;
    }

    /**
     * The variable's values decoded, split along its leading dimensions into arrays of its last two
     * ({@code width x height}; for a 1-D variable, one 1 x 1 array per value), outermost index first. With
     * {@code flipRows} the rows of each array are stored in reverse (a south-up grid turned north-up).
     */
    public List<BandArray> read(Variable v, boolean flipRows) {
        int rank = v.shape().length;
        int width = rank >= 2 ? v.shape()[rank - 1] : 1;
        int height = rank >= 2 ? v.shape()[rank - 2] : 1;
        int plane = width * height;
        int planes = plane == 0 ? 0 : (int) (Arrays.stream(v.shape()).asLongStream().reduce(1, (a, b) -> a * b) / plane);
        Decoder decoder = new Decoder(v.dataset(), v.decodedType());
        Object raw = v.dataset().getDataFlat();
        List<BandArray> out = new ArrayList<>(planes);
        for (int p = 0; p < planes; p++) {
            BandArray a = BandArray.allocate(v.decodedType(), width, height);
            for (int row = 0; row < height; row++) {
                int src = p * plane + (flipRows ? height - 1 - row : row) * width;
                decoder.decode(raw, src, a, row * width, width);
            }
            out.add(a);
        }
        return out;
    }

    @Override
    public void close() {
        hdf.close();
    }

    private List<String> dims(Dataset ds, Map<Integer, String> byId) throws NotReadable {
        Object ids = value(ds, "_Netcdf4Coordinates");
        int[] shape = ds.getDimensions();
        List<String> out = new ArrayList<>();
        if (ids instanceof int[] a && a.length == shape.length) {
            for (int id : a) {
                String name = byId.get(id);
                if (name == null) {
                    throw new NotReadable("variable '" + ds.getName() + "' names dimension " + id + ", which the file does not have");
                }
                out.add(name);
            }
            return out;
        }
        for (int size : shape) { // no netCDF dimension ids: a dimension of a unique length
            List<String> match = dimensions.entrySet().stream().filter(e -> e.getValue() == size).map(Map.Entry::getKey).toList();
            if (match.size() != 1) {
                throw new NotReadable("variable '" + ds.getName() + "' has no dimension ids and its length " + size
                        + " matches " + (match.isEmpty() ? "no dimension" : "dimensions " + match));
            }
            out.add(match.getFirst());
        }
        return out;
    }

    private static DataType decodedType(Dataset ds) throws NotReadable {
        Class<?> raw = ds.getJavaType();
        boolean packed = value(ds, "scale_factor") != null || value(ds, "add_offset") != null;
        boolean filled = value(ds, "_FillValue") != null || value(ds, "missing_value") != null;
        if (raw == float.class) {
            return DataType.FLOAT32;
        }
        if (raw == double.class) {
            return DataType.FLOAT64;
        }
        boolean small = raw == byte.class || raw == short.class;
        if (!small && raw != int.class && raw != long.class) {
            throw new NotReadable("variable '" + ds.getName() + "' holds " + raw.getSimpleName() + " values, not numbers");
        }
        if (packed) {
            boolean singlePacking = !(value(ds, "scale_factor") instanceof double[]) && !(value(ds, "add_offset") instanceof double[]);
            return small && singlePacking ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        if (filled) {
            return small ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        if (raw == long.class) {
            return DataType.FLOAT64;
        }
        return raw == byte.class ? DataType.INT8 : raw == short.class ? DataType.INT16 : DataType.INT32;
    }

    /** Decodes runs of raw values into a band: fill to NaN, then scale and offset in the decoded type. */
    private static final class Decoder {
        private final DataType type;
        private final double fill, missing, scale, offset;
        private final float fillF, missingF, scaleF, offsetF;
        private final boolean hasScale, hasOffset;

        Decoder(Dataset ds, DataType type) {
            this.type = type;
            fill = number(value(ds, "_FillValue"));
            missing = number(value(ds, "missing_value"));
            Object s = value(ds, "scale_factor"), o = value(ds, "add_offset");
            hasScale = s != null;
            hasOffset = o != null;
            scale = hasScale ? number(s) : 1;
            offset = hasOffset ? number(o) : 0;
            fillF = (float) fill;
            missingF = (float) missing;
            scaleF = (float) scale;
            offsetF = (float) offset;
        }

        void decode(Object raw, int from, BandArray into, int to, int n) {
            for (int i = 0; i < n; i++) {
                double r = switch (raw) {
                    case short[] a -> a[from + i];
                    case byte[] a -> a[from + i];
                    case int[] a -> a[from + i];
                    case long[] a -> a[from + i];
                    case float[] a -> a[from + i];
                    case double[] a -> a[from + i];
                    default -> throw new IllegalStateException("raw " + raw.getClass());
                };
                into.set(to + i, type == DataType.FLOAT32 ? decodeFloat((float) r) : decodeDouble(r));
            }
        }

        private float decodeFloat(float r) {
            if (r == fillF || r == missingF) {
                return Float.NaN;
            }
            if (hasScale) {
                r = r * scaleF;
            }
            return hasOffset ? r + offsetF : r;
        }

        private double decodeDouble(double r) {
            if (r == fill || r == missing) {
                return Double.NaN;
            }
            if (hasScale) {
                r = r * scale;
            }
            return hasOffset ? r + offset : r;
        }

        private static double number(Object attribute) {
            if (attribute == null) {
                return Double.NaN;
            }
            Object first = attribute.getClass().isArray() ? java.lang.reflect.Array.get(attribute, 0) : attribute;
            return first instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    private static Object value(Dataset ds, String name) {
        Attribute a = ds.getAttribute(name);
        return a == null ? null : a.getData();
    }

    private static String text(Dataset ds, String name) {
        Object v = value(ds, name);
        if (v instanceof String[] a && a.length > 0) {
            return a[0];
        }
        return v instanceof String s ? s : null;
    }

    private static double[] doubles(Object flat) {
        double[] out = new double[java.lang.reflect.Array.getLength(flat)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) java.lang.reflect.Array.get(flat, i)).doubleValue();
        }
        return out;
    }
}
