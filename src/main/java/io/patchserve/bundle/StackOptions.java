package io.patchserve.bundle;

import io.patchserve.crop.CropParameters;
import io.patchserve.error.ApiException;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a trainer chooses of a stacked export (bundle.h5): the bands, in the order asked ({@code bands}); one common
 * grid for all of them ({@code grid}: {@code finest} or a band group's name, or {@code resolution} in the
 * collection's ground sample distance, resampled as crops are), or each band group on its own grid (neither); and
 * the class order of the multi-hot labels.
 */
public record StackOptions(List<String> bands, String grid, Double resolution, ClassOrder classOrder) {

    public static final String BANDS = "bands";
    public static final String GRID = "grid";
    public static final String RESOLUTION = "resolution";
    public static final String FINEST = "finest";

    public static final StackOptions DEFAULT = new StackOptions(List.of(), null, null, ClassOrder.COLLECTION);

    /** The options as query parameters (or POST members) give them; null for absent. Checked for form. */
    public static StackOptions parse(String bands, String grid, String resolution, String classOrder) {
        if (grid != null && resolution != null) {
            throw ApiException.badRequest("give either grid or resolution, not both");
        }
        return new StackOptions(bandList(bands), blankToNull(GRID, grid), resolution(resolution), ClassOrder.parse(classOrder));
    }

    public boolean commonGrid() {
        return grid != null || resolution != null;
    }

    private static List<String> bandList(String bands) {
        List<String> out = CropParameters.bandList(bands);
        if (new LinkedHashSet<>(out).size() != out.size()) {
            throw ApiException.badRequest("bands names a band twice: '" + bands + "'");
        }
        return out;
    }

    private static String blankToNull(String name, String value) {
        if (value != null && value.isBlank()) {
            throw ApiException.badRequest(name + " is empty");
        }
        return value;
    }

    private static Double resolution(String value) {
        if (value == null) {
            return null;
        }
        try {
            double r = Double.parseDouble(value.trim());
            if (r > 0 && Double.isFinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw ApiException.badRequest(RESOLUTION + " must be a positive number of metres (a band group's ground sample "
                + "distance), not '" + value + "'");
    }
}
