package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of bulk downloads. Every key is overridable as PATCHSERVE_BUNDLE_*. */
@ConfigMapping(prefix = "patchserve.bundle")
public interface BundleConfig {

    /** Most items one bundle may hold; a larger selection is refused with its count. */
    @WithDefault("100000")
    long maxItems();

    /** Most bytes of asset data one bundle may hold. */
    @WithDefault("214748364800")
    long maxBytes();

    /**
     * Most bytes of pixels one MMEarth-layout export (bundle.mmearth.tar) may hold. Its HDF5 is assembled in memory
     * (jHDF writes whole arrays, and MMEarth's layout is chunked and compressed), so this bounds a request's memory;
     * larger selections are refused with their size. bundle.h5 streams and is bound by max-items and max-bytes.
     */
    @WithDefault("268435456")
    long maxStackBytes();
}
