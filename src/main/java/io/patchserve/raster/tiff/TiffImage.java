package io.patchserve.raster.tiff;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.GridGeometry;

/**
 * A single-band TIFF as read: its pixels, and what its GeoTIFF tags say about where they are.
 *
 * @param grid   pixel grid in the map CRS, or null without georeferencing tags
 * @param epsg   EPSG code of the projected or geographic CRS, or null when the file names none
 * @param nodata GDAL_NODATA, or null
 */
public record TiffImage(BandArray pixels, GridGeometry grid, Integer epsg, Double nodata) {
}
