package io.patchserve.raster;

import java.util.List;

/**
 * One (N, C, H, W) dataset of a stacked export: its bands in order, each on its own grid ({@code resampled} false,
 * the bands of one group) or resampled onto one whole-item grid of {@code width} x {@code height}, as samples of
 * {@code type}.
 */
public record BandStack(String name, List<Band> bands, DataType type, int width, int height, boolean resampled) {

    public BandStack {
        bands = List.copyOf(bands);
    }

    /** Bytes of one item's (C, H, W) block. */
    public long itemBytes() {
        return (long) bands.size() * width * height * type.bytes();
    }
}
