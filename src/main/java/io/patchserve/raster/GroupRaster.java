package io.patchserve.raster;

import java.util.List;

/** The pixels of one band group of one item: its bands in group order, all on {@code grid}. */
public record GroupRaster(BandGroup group, GridGeometry grid, List<Band> bands, List<BandArray> arrays) {

    public GroupRaster {
        if (bands.size() != arrays.size()) {
            throw new IllegalArgumentException(bands.size() + " bands but " + arrays.size() + " arrays");
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
}
