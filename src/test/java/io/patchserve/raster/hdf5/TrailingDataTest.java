package io.patchserve.raster.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placeholders pointed at data after the file: jHDF's reader (which checks the superblock's and the object headers'
 * checksums) reads the datasets at their real shape from the bytes appended in order. (h5py, xarray and GDAL read
 * whole stacks in the bundle tests' check scripts.)
 */
@Tag("unit")
class TrailingDataTest {

    @TempDir
    Path dir;

    @Test
    void placeholdersReadBackAtTheirRealShapeFromTheAppendedBytes() throws Exception {
        Path file = dir.resolve("stack.h5");
        NetcdfDimensions dimensions = new NetcdfDimensions();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            dimensions.dimension(h5, "item", new int[]{0, 1, 2});
            h5.putDataset("ids", new String[]{"a", "b", "c"});
            var wide = h5.putDataset("wide", TrailingData.placeholder(short.class, 2),
                    DatasetCreationOptions.builder().unsigned().build());
            wide.putAttribute("band_names", new String[]{"B02", "B03"});
            h5.putDataset("floats", TrailingData.placeholder(float.class, 1));
        }
        dimensions.finish(file);
        long headerLength = Files.size(file);
        long[] starts = TrailingData.place(file, List.of(new TrailingData.Target("wide", new long[]{3, 2, 4, 5}, 2),
                new TrailingData.Target("floats", new long[]{3, 1, 2, 2}, 4)));
        assertThat(starts).containsExactly(headerLength, headerLength + 3 * 2 * 4 * 5 * 2);

        ByteBuffer wide = ByteBuffer.allocate(3 * 2 * 4 * 5 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3 * 2 * 4 * 5; i++) wide.putShort((short) (60000 + i)); // above 32767: read as uint16
        ByteBuffer floats = ByteBuffer.allocate(3 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) floats.putFloat(i * 0.5f);
        Files.write(file, wide.array(), StandardOpenOption.APPEND);
        Files.write(file, floats.array(), StandardOpenOption.APPEND);

        try (HdfFile h5 = new HdfFile(file)) {
            assertThat(h5.getHdfBackingStorage().getSuperblock().getEndOfFileAddress()).isEqualTo(Files.size(file));
            var stack = h5.getDatasetByPath("wide");
            assertThat(stack.getDimensions()).containsExactly(3, 2, 4, 5);
            int[][][][] values = (int[][][][]) stack.getData(); // jHDF widens uint16 to int
            assertThat(values[0][0][0][0]).isEqualTo(60000);
            assertThat(values[2][1][3][4]).isEqualTo(60000 + 3 * 2 * 4 * 5 - 1);
            assertThat(stack.getAttribute("band_names").getData()).isEqualTo(new String[]{"B02", "B03"});
            float[][][][] f = (float[][][][]) h5.getDatasetByPath("floats").getData();
            assertThat(f[2][0][1][1]).isEqualTo(5.5f);
            assertThat((String[]) h5.getDatasetByPath("ids").getData()).containsExactly("a", "b", "c");
        }
    }
}
