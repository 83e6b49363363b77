package io.patchserve.crop;

/**
 * What a crop is encoded as, which decides the band rules: PNG takes 1 or 3 bands and rescales; the raw outputs
 * take any bands, widened to one type that holds each exactly when they differ.
 */
public enum CropOutput {
    /** 8-bit grey or RGB, rescaled. */
    PNG("crop.png"),
    /** Raw values, one (C, H, W) dataset; over time, one dataset per band group. */
    HDF5("crop.h5"),
    /** Raw values in the item's CRS. */
    GEOTIFF("crop.tif"),
    /** Raw values, one (C, H, W) NumPy array. */
    NPY("crop.npy");

    private final String route;

    CropOutput(String route) {
        this.route = route;
    }

    /** The route's last segment, for messages. */
    public String route() {
        return route;
    }
}
