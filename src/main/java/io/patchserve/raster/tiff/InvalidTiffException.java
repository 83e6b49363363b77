package io.patchserve.raster.tiff;

/** A TIFF that cannot be read: truncated, malformed, or using a feature this reader does not support. */
public class InvalidTiffException extends Exception {
    public InvalidTiffException(String message) {
        super(message);
    }
}
