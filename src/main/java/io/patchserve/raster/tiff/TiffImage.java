package io.patchserve.raster.tiff;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.GridGeometry;

import java.util.List;

/**
 * A TIFF as read: its bands' pixels, and what its GeoTIFF tags say about where they are.
 *
 * @param bands  the bands in file order (one for a single-band file), all of one type and size
 * @param grid   pixel grid in the map CRS, or null without georeferencing tags
 * @param epsg   EPSG code of the projected or geographic CRS, or null when the file names none
 * @param nodata GDAL_NODATA, or null
 */
public record TiffImage(List<BandArray> bands, GridGeometry grid, Integer epsg, Double nodata) {

    public TiffImage {
        bands = List.copyOf(bands);
    }

    /** The first band: a single-band file's pixels. */
    public BandArray pixels() {
        return bands.getFirst();
    }
}
