package io.patchserve.crop;

/** What a crop is encoded as, which decides the band rules: PNG takes 1 or 3 bands, HDF5 one data type. */
public enum CropOutput {
    /** 8-bit grey or RGB, rescaled. */
    PNG,
    /** Raw values, one (C, H, W) dataset: one data type. */
    HDF5,
    /** Raw values; bands of different types are widened to one that holds each exactly. */
    GEOTIFF
}
