package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and caches of on-the-fly crops. Every key is overridable as PATCHSERVE_CROP_*. */
@ConfigMapping(prefix = "patchserve.crop")
public interface CropConfig {

    /** Most output samples (width x height x bands) one crop may produce; bounds a request's memory. */
    @WithDefault("16777216")
    long maxOutputSamples();

    /** Largest item data file a crop reads (it is held in memory while cropping). */
    @WithDefault("268435456")
    long maxSourceBytes();

    /**
     * Most bytes of pixels one crop decodes. An item whose decoded image is larger is read window by window (only
     * the window's rows and pixels), and a window larger than this is refused with 400: a crop's memory is bounded
     * whatever the image.
     */
    @WithDefault("67108864")
    long maxDecodedBytes();

    /**
     * Deflate level of crop PNGs, 1 (fast) to 9 (small), or 0 for Huffman coding only (fastest: on imagery a few
     * percent larger than level 1 at a third of its time; flat areas compress 8:1 at most).
     */
    @WithDefault("0")
    int pngLevel();
}
