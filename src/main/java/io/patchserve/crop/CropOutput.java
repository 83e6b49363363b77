package io.patchserve.crop;

/**
 * What a crop is encoded as, which decides the band rules: PNG takes 1 or 3 bands and rescales; the raw outputs
 * take any bands, widened to one type that holds each exactly when they differ.
 */
public enum CropOutput {
    /** 8-bit grey or RGB, rescaled. */
    PNG,
    /** Raw values, one (C, H, W) dataset. */
    HDF5,
    /** Raw values in the item's CRS. */
    GEOTIFF,
    /** Raw values, one (C, H, W) NumPy array. */
    NPY
}
