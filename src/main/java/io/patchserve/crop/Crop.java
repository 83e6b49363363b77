package io.patchserve.crop;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.Projection;

import java.util.List;

/**
 * A crop ready to encode: its bands resampled onto one output grid.
 *
 * @param grid       the output grid in the item's CRS, or null for items without georeference
 * @param projection the item's CRS, or null
 * @param ranges     per band, the range mapped to 0..255 in a PNG
 * @param groups     for a crop.h5 of bands over time: each band group's crop, (T, C, h, w) or (C, h, w) on its own
 *                   grid or the output grid, in place of {@code arrays}; else null
 */
record Crop(String itemId, List<Band> bands, List<BandArray> arrays, GridGeometry grid, Projection projection,
            List<double[]> ranges, int[] window, List<io.patchserve.raster.GroupRaster> groups) {

    Crop(String itemId, List<Band> bands, List<BandArray> arrays, GridGeometry grid, Projection projection,
         List<double[]> ranges, int[] window) {
        this(itemId, bands, arrays, grid, projection, ranges, window, null);
    }

    int width() {
        return arrays.getFirst().width();
    }

    int height() {
        return arrays.getFirst().height();
    }
}
