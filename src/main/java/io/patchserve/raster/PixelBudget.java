package io.patchserve.raster;

/**
 * How large an image a reader may decode, decided from the image's header before any pixel is read: a small file
 * can declare 100,000 × 100,000 pixels (a decompression bomb), and decoding it would take the process down.
 *
 * @param maxSide   widest or tallest image, in pixels
 * @param maxPixels most pixels of one image (width × height)
 * @param maxBytes  most bytes the decoded samples may take
 */
public record PixelBudget(int maxSide, long maxPixels, long maxBytes) {

    /** Why an image of this size is refused, or null when it fits. */
    public String refusal(long width, long height, long bytesPerPixel) {
        if (width > maxSide || height > maxSide) {
            return "an image of " + width + " x " + height + " pixels is larger than the " + maxSide
                    + " pixels a side that are decoded here";
        }
        if (width * height > maxPixels) {
            return "an image of " + width + " x " + height + " = " + width * height + " pixels is more than the "
                    + maxPixels + " decoded here";
        }
        if (width * height * bytesPerPixel > maxBytes) {
            return "an image of " + width + " x " + height + " pixels would take " + width * height * bytesPerPixel
                    + " bytes decoded, more than the " + maxBytes + " allowed";
        }
        return null;
    }

    /** Throws {@link TooLargeException} with the reason when an image of this size does not fit. */
    public void require(long width, long height, long bytesPerPixel) throws TooLargeException {
        String refusal = refusal(width, height, bytesPerPixel);
        if (refusal != null) {
            throw new TooLargeException(refusal);
        }
    }

    /** An image larger than a {@link PixelBudget} allows. */
    public static final class TooLargeException extends Exception {
        public TooLargeException(String message) {
            super(message);
        }
    }
}
