package io.patchserve.raster.hdf5;

import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.patchserve.raster.Band;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.Projection;

import java.util.List;
import java.util.Locale;

/**
 * The CF-1.8 pieces Patchserve's HDF5 files share, so that xarray names every axis and GDAL georeferences the
 * grids. Axes of named things (bands, classes) are numbered 1..n, as rioxarray numbers bands, with the names in an
 * auxiliary coordinate {@code <what>_name[<suffix>]}: GDAL's netCDF driver crashes on a string dimension coordinate, and
 * xarray selects by name after {@code swap_dims({"band": "band_name"})}.
 */
public final class CfAxes {

    private CfAxes() {
    }

    /** A numbered axis: its dimension and the auxiliary coordinate that names its entries. */
    public record NumberedAxis(String dimension, String names) {
    }

    /**
     * A dimension {@code <what><suffix>} numbered 1..n with its {@code names} beside it in
     * {@code <what>_name<suffix>}.
     */
    public static NumberedAxis numbered(WritableGroup file, NetcdfDimensions dimensions, String what, String suffix,
                                        List<String> names) {
        NumberedAxis axis = new NumberedAxis(what + suffix, what + "_name" + suffix);
        int[] numbers = new int[names.size()];
        java.util.Arrays.setAll(numbers, i -> i + 1);
        dimensions.dimension(file, axis.dimension(), numbers).putAttribute("long_name", what + " number");
        WritableDataset labels = file.putDataset(axis.names(), names.toArray(String[]::new));
        labels.putAttribute("long_name", what + " name");
        labels.putAttribute("_Encoding", "utf-8");
        dimensions.attach(labels, axis.dimension());
        return axis;
    }

    /**
     * Dimensions {@code y<suffix>} and {@code x<suffix>} holding the pixel centres in the CRS (or pixel indices
     * when {@code projection} is null: a stack of items from different places has no common map position).
     */
    public static String[] pixelCentres(WritableGroup file, NetcdfDimensions dimensions, String suffix, GridGeometry grid,
                                        Projection projection) {
        double[] t = projection == null ? new double[]{-0.5, 1, 0, -0.5, 0, 1} : grid.transform();
        double[] ys = new double[grid.height()];
        for (int row = 0; row < ys.length; row++) {
            ys[row] = t[3] + (row + 0.5) * t[5];
        }
        double[] xs = new double[grid.width()];
        for (int col = 0; col < xs.length; col++) {
            xs[col] = t[0] + (col + 0.5) * t[1];
        }
        boolean geographic = projection != null && projection.isGeographic();
        String y = "y" + suffix, x = "x" + suffix;
        axis(dimensions.dimension(file, y, ys), "Y", projection == null ? null : geographic ? "latitude" : "projection_y_coordinate",
                geographic ? "degrees_north" : "m");
        axis(dimensions.dimension(file, x, xs), "X", projection == null ? null : geographic ? "longitude" : "projection_x_coordinate",
                geographic ? "degrees_east" : "m");
        return new String[]{y, x};
    }

    /**
     * A time dimension {@code time<suffix>} of the steps' instants, as CF encodes time: whole seconds since the
     * epoch, which xarray decodes to datetime64 and GDAL's netCDF driver lists; returns its name.
     */
    public static String time(WritableGroup file, NetcdfDimensions dimensions, String suffix, List<java.time.Instant> steps) {
        String name = "time" + suffix;
        WritableDataset time = dimensions.dimension(file, name, steps.stream().mapToLong(java.time.Instant::getEpochSecond).toArray());
        time.putAttribute("standard_name", "time");
        time.putAttribute("axis", "T");
        time.putAttribute("units", "seconds since 1970-01-01 00:00:00");
        time.putAttribute("calendar", "proleptic_gregorian");
        return name;
    }

    private static void axis(WritableDataset axis, String name, String standardName, String units) {
        axis.putAttribute("axis", name);
        if (standardName == null) {
            axis.putAttribute("long_name", name.toLowerCase(Locale.ROOT) + " pixel index");
        } else {
            axis.putAttribute("standard_name", standardName);
            axis.putAttribute("units", units);
        }
    }

    /**
     * CF's packing attributes, which xarray applies when it opens the file: only when every band has the same
     * value, since CF has one per variable (per-band values stay in {@code scale}, {@code offset} and
     * {@code nodata}). {@code _FillValue} has the data's own type, as CF requires.
     */
    public static void putPacking(WritableDataset ds, List<Band> bands, DataType type) {
        double scale = bands.getFirst().scaleOrOne(), offset = bands.getFirst().offsetOrZero();
        if (bands.stream().allMatch(b -> b.scaleOrOne() == scale && b.offsetOrZero() == offset) && (scale != 1 || offset != 0)) {
            ds.putAttribute("scale_factor", scale);
            ds.putAttribute("add_offset", offset);
        }
        Double nodata = bands.getFirst().nodata();
        if (nodata != null && bands.stream().allMatch(b -> nodata.equals(b.nodata()))) {
            Object fill = switch (type) {
                case UINT8, INT8 -> (byte) nodata.longValue();
                case UINT16, INT16 -> (short) nodata.longValue();
                case UINT32, INT32 -> (int) nodata.longValue();
                case FLOAT32 -> nodata.floatValue();
                case FLOAT64 -> nodata;
            };
            ds.putAttribute("_FillValue", fill, type.unsigned());
        }
    }
}
