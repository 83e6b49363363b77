package io.patchserve.stac;

/** The media types the API serves and the assets it stores, named once. */
public final class MediaTypes {

    public static final String JSON = "application/json";
    public static final String GEOJSON = "application/geo+json";
    /** Queryables (OGC API Features Part 3). */
    public static final String SCHEMA_JSON = "application/schema+json";
    public static final String OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0";
    public static final String HDF5 = "application/x-hdf5";
    public static final String PNG = "image/png";
    public static final String GEOTIFF = "image/tiff; application=geotiff";
    /** NumPy's array file; no registered type exists. */
    public static final String NPY = "application/x-npy";
    public static final String COG = "image/tiff; application=geotiff; profile=cloud-optimized";

    private MediaTypes() {
    }
}
