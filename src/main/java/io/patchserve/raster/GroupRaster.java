package io.patchserve.raster;

import java.time.Instant;
import java.util.List;

/**
 * The pixels of one band group of one item: its bands in group order, all on {@code grid}. A group with a time
 * axis holds one array per step and band, step after step ({@code arrays} of step t, band c at t * C + c), with
 * each step's instant in {@code times}; a group without one holds one array per band and no times.
 */
public record GroupRaster(BandGroup group, GridGeometry grid, List<Band> bands, List<BandArray> arrays, List<Instant> times) {

    public GroupRaster {
        times = List.copyOf(times);
        if (group.timed() == times.isEmpty()) {
            throw new IllegalArgumentException("group " + group.name() + (group.timed() ? " has a time axis but no steps"
                    : " has no time axis but " + times.size() + " steps"));
        }
        int steps = Math.max(1, times.size());
        if ((long) bands.size() * steps != arrays.size()) {
            throw new IllegalArgumentException(bands.size() + " bands of " + steps + " steps but " + arrays.size() + " arrays");
        }
        for (BandArray a : arrays) {
            if (a.width() != grid.width() || a.height() != grid.height()) {
                throw new IllegalArgumentException("a " + a.width() + "x" + a.height() + " array on a "
                        + grid.width() + "x" + grid.height() + " grid");
            }
        }
        bands = List.copyOf(bands);
        arrays = List.copyOf(arrays);
    }

    /** A group without a time axis: one array per band. */
    public GroupRaster(BandGroup group, GridGeometry grid, List<Band> bands, List<BandArray> arrays) {
        this(group, grid, bands, arrays, List.of());
    }

    /** The number of steps: 1 for a group without a time axis. */
    public int steps() {
        return Math.max(1, times.size());
    }

    /** Band {@code band}'s array at step {@code step}. */
    public BandArray array(int step, int band) {
        return arrays.get(step * bands.size() + band);
    }

    /** Step {@code step} of a group with a time axis as a group without one (a frame to render or crop). */
    public GroupRaster atStep(int step) {
        BandGroup g = group;
        BandGroup still = new BandGroup(g.name(), g.dataType(), g.width(), g.height(), g.gsd(), g.bands());
        return new GroupRaster(still, grid, bands, arrays.subList(step * bands.size(), (step + 1) * bands.size()));
    }
}
