package io.patchserve.raster;

/** A file or variable this reader cannot decode, with the reason a person can act on (an ingest skip reason). */
public class NotReadable extends Exception {

    public NotReadable(String message) {
        super(message);
    }
}
