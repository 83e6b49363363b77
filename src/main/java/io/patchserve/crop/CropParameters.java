package io.patchserve.crop;

import io.patchserve.error.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of crop.png and crop.h5, parsed and checked for form (not yet against the item).
 *
 * @param bands     band names, empty for the default (RGB for PNG, every band for HDF5)
 * @param rescale   one (min, max) pair for every band, one per band, or none for the default
 * @param window    col, row, width, height in the finest grid's pixels, or null
 * @param bbox      minx, miny, maxx, maxy in {@code bboxCrs}, or null
 * @param width     output width, or null
 * @param height    output height, or null
 * @param time      which steps of bands with a time axis
 * @param oneGrid   whether every group of a crop.h5 over time is resampled onto the finest grid ({@code grid=finest},
 *                  or width/height given) rather than cut on its own grid
 */
public record CropParameters(List<String> bands, List<double[]> rescale, int[] window, double[] bbox, String bboxCrs,
                             Integer width, Integer height, TimeSelection time, boolean oneGrid) {

    public static final String DEFAULT_BBOX_CRS = "EPSG:4326";

    public static CropParameters parse(CropQuery q) {
        if (q.window() != null && q.bbox() != null) {
            throw ApiException.badRequest("give either window or bbox, not both");
        }
        if (q.bboxCrs() != null && q.bbox() == null) {
            throw ApiException.badRequest("bbox-crs needs a bbox");
        }
        if (q.grid() != null && !q.grid().equals("finest") && !q.grid().equals("own")) {
            throw ApiException.badRequest("grid takes 'own' (each band group on its own grid, crop.h5's default over time) "
                    + "or 'finest' (resampled onto the finest grid); got '" + q.grid() + "'");
        }
        Integer width = size("width", q.width()), height = size("height", q.height());
        if ("own".equals(q.grid()) && (width != null || height != null)) {
            throw ApiException.badRequest("grid=own keeps each group's own pixels; width and height resample onto one grid");
        }
        return new CropParameters(bandList(q.bands()), rescale(q.rescale()), window(q.window()), bbox(q.bbox()),
                q.bboxCrs() == null ? DEFAULT_BBOX_CRS : q.bboxCrs(), width, height, TimeSelection.parse(q.datetime(), q.step()),
                "finest".equals(q.grid()) || width != null || height != null);
    }

    /** A {@code bands=} list (crops, stacked exports): names split at commas and trimmed; an empty name is a 400. */
    public static List<String> bandList(String bands) {
        if (bands == null || bands.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String b : bands.split(",", -1)) {
            if (b.isBlank()) {
                throw ApiException.badRequest("bands has an empty name: '" + bands + "'");
            }
            out.add(b.trim());
        }
        return out;
    }

    /** {@code rescale=0,3000} once, repeated once per band, or {@code 0,3000;0,2500;...} in one value. */
    private static List<double[]> rescale(List<String> values) {
        List<double[]> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            for (String pair : value.split(";", -1)) {
                double[] range = numbers("rescale", pair, 2);
                if (!(range[0] < range[1])) {
                    throw ApiException.badRequest("rescale '" + pair + "' needs min < max");
                }
                out.add(range);
            }
        }
        return out;
    }

    private static int[] window(String value) {
        if (value == null) {
            return null;
        }
        double[] n = numbers("window", value, 4);
        int[] w = new int[4];
        for (int i = 0; i < 4; i++) {
            if (n[i] != Math.rint(n[i]) || Math.abs(n[i]) > Integer.MAX_VALUE / 2) {
                throw ApiException.badRequest("window takes integers col,row,width,height; got '" + value + "'");
            }
            w[i] = (int) n[i];
        }
        if (w[2] <= 0 || w[3] <= 0) {
            throw ApiException.badRequest("window width and height must be positive; got '" + value + "'");
        }
        return w;
    }

    private static double[] bbox(String value) {
        if (value == null) {
            return null;
        }
        double[] b = numbers("bbox", value, 4);
        if (!(b[0] < b[2]) || !(b[1] < b[3])) {
            throw ApiException.badRequest("bbox needs minx < maxx and miny < maxy; got '" + value + "'");
        }
        return b;
    }

    private static Integer size(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n <= 0) {
                throw ApiException.badRequest(name + " must be a positive integer; got '" + value + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a positive integer; got '" + value + "'");
        }
    }

    private static double[] numbers(String name, String value, int count) {
        String[] parts = value.split(",", -1);
        if (parts.length != count) {
            throw ApiException.badRequest(name + " takes " + count + " comma-separated numbers; got '" + value + "'");
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " takes numbers; '" + parts[i] + "' is not one");
            }
            if (!Double.isFinite(out[i])) {
                throw ApiException.badRequest(name + " takes finite numbers; got '" + parts[i] + "'");
            }
        }
        return out;
    }
}
