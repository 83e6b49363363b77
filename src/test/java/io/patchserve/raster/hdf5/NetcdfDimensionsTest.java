package io.patchserve.raster.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dimension scales read back by jHDF's reader, which checks the superblock's and object headers' checksums:
 * DIMENSION_LIST resolves to the scales' addresses, REFERENCE_LIST to their users and axes. (xarray, h5py and
 * GDAL read the same files in the ingest tests' check scripts.)
 */
@Tag("unit")
class NetcdfDimensionsTest {

    @TempDir
    Path dir;

    @Test
    void referencesPointAtTheScalesAndBack() throws Exception {
        Path file = dir.resolve("dims.h5");
        NetcdfDimensions dimensions = new NetcdfDimensions();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            dimensions.dimension(h5, "y", new double[]{1, 2, 3});
            dimensions.dimension(h5, "x", new double[]{10, 20});
            dimensions.attach(h5.putDataset("grid", new int[][]{{1, 2}, {3, 4}, {5, 6}}), "y", "x");
            dimensions.attach(h5.putDataset("row", new int[]{7, 8}), "x");
            dimensions.attach(h5.putGroup("group").putDataset("nested", new int[]{9, 10}), "x"); // found through its group's links
        }
        dimensions.finish(file);

        try (HdfFile h5 = new HdfFile(file)) {
            long y = h5.getDatasetByPath("y").getAddress(), x = h5.getDatasetByPath("x").getAddress();
            long grid = h5.getDatasetByPath("grid").getAddress(), row = h5.getDatasetByPath("row").getAddress();
            long nested = h5.getDatasetByPath("group/nested").getAddress();
            assertThat(h5.getDatasetByPath("grid").getAttribute("DIMENSION_LIST").getData())
                    .isEqualTo(new Object[]{new long[]{y}, new long[]{x}});
            assertThat(h5.getDatasetByPath("row").getAttribute("DIMENSION_LIST").getData())
                    .isEqualTo(new Object[]{new long[]{x}});
            Map<?, ?> usersOfX = (Map<?, ?>) h5.getDatasetByPath("x").getAttribute("REFERENCE_LIST").getData();
            assertThat(h5.getDatasetByPath("group/nested").getAttribute("DIMENSION_LIST").getData())
                    .isEqualTo(new Object[]{new long[]{x}});
            assertThat((long[]) usersOfX.get("dataset")).containsExactly(grid, row, nested);
            assertThat((int[]) usersOfX.get("dimension")).containsExactly(1, 0, 0);
            Map<?, ?> usersOfY = (Map<?, ?>) h5.getDatasetByPath("y").getAttribute("REFERENCE_LIST").getData();
            assertThat((long[]) usersOfY.get("dataset")).containsExactly(grid);
            assertThat((int[]) usersOfY.get("dimension")).containsExactly(0);
            assertThat(h5.getDatasetByPath("x").getAttribute("CLASS").getData()).isEqualTo("DIMENSION_SCALE");
            assertThat(h5.getDatasetByPath("x").getAttribute("CLASS").getDataType().getSize()).isEqualTo(16);
            assertThat(h5.getDatasetByPath("x").getAttribute("NAME").getData()).isEqualTo("x");
            assertThat((int[][]) h5.getDatasetByPath("grid").getData()).isDeepEqualTo(new int[][]{{1, 2}, {3, 4}, {5, 6}});
        }
        // the global heap sits inside the file the superblock describes
        try (HdfFile h5 = new HdfFile(file)) {
            assertThat(h5.getHdfBackingStorage().getSuperblock().getEndOfFileAddress()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void aFileWithoutAttachmentsIsLeftAsJhdfWroteIt() throws Exception {
        Path file = dir.resolve("plain.h5");
        NetcdfDimensions dimensions = new NetcdfDimensions();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putDataset("v", new int[]{1});
        }
        byte[] before = Files.readAllBytes(file);
        dimensions.finish(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void refusesUnknownAndRepeatedDimensions() throws Exception {
        NetcdfDimensions dimensions = new NetcdfDimensions();
        try (WritableHdfFile h5 = HdfFile.write(dir.resolve("bad.h5"))) {
            dimensions.dimension(h5, "x", new int[]{1});
            assertThatThrownBy(() -> dimensions.dimension(h5, "x", new int[]{1})).hasMessageContaining("twice");
            assertThatThrownBy(() -> dimensions.attach(h5.putDataset("v", new int[]{1}), "t")).hasMessageContaining("no dimension t");
        }
    }
}
