package io.patchserve.crop;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.hdf5.ItemFiles;
import io.patchserve.testing.RandomRasters;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cached item's HDF5 keeps decoded planes: its windows are the ones jHDF reads from the file each time, a window
 * handed out is the caller's own copy, and the cache weighs the planes it may keep.
 */
@Tag("unit")
class ItemDataTest {

    @TempDir
    Path dir;

    @Test
    void keptPlanesGiveTheWindowsTheFileGives() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        GroupRaster fine = RandomRasters.group("10m", DataType.UINT16, 12, 10, List.of("B02", "B03", "B04"), random);
        GroupRaster coarse = RandomRasters.group("60m", DataType.UINT16, 2, 2, List.of("B01"), random);
        Path file = dir.resolve("item.h5");
        ItemFiles.write(file, null, List.of(fine, coarse), Map.of());
        byte[] content = Files.readAllBytes(file);

        ItemData kept = new ItemData.Hdf5(ByteBuffer.wrap(content), List.of("10m", "60m"), true);
        ItemData read = new ItemData.Hdf5(ByteBuffer.wrap(content), List.of("10m", "60m"), false);

        long decoded = 12 * 10 * 2 * 3 + 2 * 2 * 2;
        assertThat(kept.weight()).isEqualTo(content.length + decoded);
        assertThat(read.weight()).isEqualTo(content.length);
        for (int[] w : new int[][]{{0, 0, 12, 10}, {3, 2, 5, 7}, {11, 9, 1, 1}, {0, 4, 12, 1}}) {
            for (String band : List.of("B02", "B03", "B04")) {
                BandArray first = kept.region(band, w[0], w[1], w[2], w[3]);
                assertThat(first.data()).as(band + " " + java.util.Arrays.toString(w))
                        .isEqualTo(read.region(band, w[0], w[1], w[2], w[3]).data());
                first.set(0, first.get(0) == 0 ? 1 : 0); // the caller's own copy: the kept plane is not changed by it
                assertThat(kept.region(band, w[0], w[1], w[2], w[3]).data())
                        .isEqualTo(read.region(band, w[0], w[1], w[2], w[3]).data());
            }
        }
        assertThat(kept.region("B01", 0, 0, 2, 2).data()).isEqualTo(coarse.arrays().getFirst().data());
    }
}
