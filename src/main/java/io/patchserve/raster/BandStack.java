package io.patchserve.raster;

import java.util.List;

/**
 * One (N, C, H, W) dataset of a stacked export: its bands in order, each on its own grid ({@code resampled} false,
 * the bands of one group) or resampled onto one whole-item grid of {@code width} x {@code height}, as samples of
 * {@code type}; or, for a group with a time axis, (N, T, C, H, W) with {@code steps} = T, the most steps an item
 * of the export has (items with fewer are padded, see the export).
 */
public record BandStack(String name, List<Band> bands, DataType type, int width, int height, boolean resampled, int steps) {

    public BandStack {
        bands = List.copyOf(bands);
    }

    public BandStack(String name, List<Band> bands, DataType type, int width, int height, boolean resampled) {
        this(name, bands, type, width, height, resampled, 0);
    }

    /** Whether the dataset has a time axis. */
    public boolean timed() {
        return steps > 0;
    }

    /** Bytes of one item's (C, H, W) or (T, C, H, W) block. */
    public long itemBytes() {
        return (long) Math.max(1, steps) * bands.size() * width * height * type.bytes();
    }
}
