package io.patchserve.testing;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;

import java.util.List;
import java.util.SplittableRandom;

/** Band groups of random pixels, for tests that write an item's HDF5 and read it back. */
public final class RandomRasters {

    private RandomRasters() {
    }

    /** A {@code width x height} group of {@code bands}, every pixel uniform over the type's non-negative values, on a 10 m grid. */
    public static GroupRaster group(String name, DataType type, int width, int height, List<String> bands,
                                    SplittableRandom random) {
        List<Band> described = bands.stream().map(b -> new Band(b, null, null, null, name, type, null, null, null)).toList();
        List<BandArray> arrays = bands.stream().map(b -> {
            BandArray a = BandArray.allocate(type, width, height);
            for (int i = 0; i < a.length(); i++) {
                a.set(i, random.nextInt((int) type.maxValue() + 1));
            }
            return a;
        }).toList();
        return new GroupRaster(new BandGroup(name, type, width, height, 10.0, bands),
                new GridGeometry(width, height, new double[]{500000, 10, 0, 4000000, 0, -10}), described, arrays);
    }
}
