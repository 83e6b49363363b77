package io.patchserve.raster.hdf5;

import io.jhdf.HdfFile;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GroupRaster;
import io.patchserve.testing.RandomRasters;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A band copied straight from its stored chunk (inflated into place, unshuffled) is the same little-endian samples
 * as jHDF's own reading of it, for a shuffled-and-deflated uint16 band and a deflated uint8 one; a whole plane read
 * that way is the band written, and its regions are jHDF's windows.
 */
@Tag("unit")
class ItemFilesTest {

    @TempDir
    Path dir;

    @Test
    void aBandCopiedFromItsChunkEqualsJhdfsReading() {
        SplittableRandom random = new SplittableRandom(3);
        GroupRaster wide = RandomRasters.group("10m", DataType.UINT16, 7, 5, List.of("B02", "B03"), random);
        GroupRaster bytes = RandomRasters.group("mask", DataType.UINT8, 3, 4, List.of("cloud"), random);
        Path file = dir.resolve("item.h5");
        ItemFiles.write(file, null, List.of(wide, bytes), Map.of());

        try (HdfFile h5 = new HdfFile(file)) {
            List<ItemFiles.GroupInfo> groups = ItemFiles.groups(h5, List.of("10m", "mask"));
            assertThat(groups).extracting(ItemFiles.GroupInfo::name).containsExactlyInAnyOrder("10m", "mask");
            // read by the root's links, one group alone, as child by child: the same groups and attributes
            assertThat(ItemFiles.groups(h5, List.of("10m"))).extracting(ItemFiles.GroupInfo::bandNames)
                    .containsExactly(List.of("B02", "B03"));
            assertThat(ItemFiles.groups(h5)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("dataset")
                    .containsExactlyInAnyOrderElementsOf(groups);
            for (GroupRaster g : List.of(wide, bytes)) {
                ItemFiles.GroupInfo info = groups.stream().filter(i -> i.name().equals(g.group().name())).findFirst().orElseThrow();
                for (int b = 0; b < g.bands().size(); b++) {
                    ByteBuffer copied = ByteBuffer.allocate(2 + info.width() * info.height() * g.group().dataType().bytes())
                            .order(ByteOrder.LITTLE_ENDIAN);
                    copied.putShort((short) 0x7777); // what the block already holds stays
                    assertThat(ItemFiles.copyBand(info, b, copied, b == 0 ? null : new byte[1 << 16])).isTrue();
                    assertThat(copied.hasRemaining()).isFalse();
                    BandArray read = ItemFiles.readWindow(info, b, 0, 0, info.width(), info.height());
                    ByteBuffer expected = ByteBuffer.allocate(copied.capacity()).order(ByteOrder.LITTLE_ENDIAN);
                    expected.putShort((short) 0x7777);
                    read.putLittleEndian(expected);
                    assertThat(copied.array()).as(g.group().name() + " band " + b).isEqualTo(expected.array());
                    assertThat(read.get(0)).isEqualTo(g.arrays().get(b).get(0));
                }
            }
        }
    }

    @Test
    void aWholePlaneIsTheBandWrittenAndItsRegionsAreJhdfsWindows() {
        SplittableRandom random = new SplittableRandom(5);
        GroupRaster wide = RandomRasters.group("10m", DataType.UINT16, 9, 6, List.of("B02", "B03", "B04"), random);
        GroupRaster bytes = RandomRasters.group("mask", DataType.UINT8, 4, 3, List.of("cloud"), random);
        Path file = dir.resolve("planes.h5");
        ItemFiles.write(file, null, List.of(wide, bytes), Map.of());

        try (HdfFile h5 = new HdfFile(file)) {
            for (GroupRaster g : List.of(wide, bytes)) {
                ItemFiles.GroupInfo info = ItemFiles.groups(h5, List.of(g.group().name())).getFirst();
                for (int b = 0; b < g.bands().size(); b++) {
                    BandArray plane = ItemFiles.readPlane(info, 0, b);
                    assertThat(plane.type()).isEqualTo(g.group().dataType());
                    assertThat(plane.data()).as(g.group().name() + " band " + b).isEqualTo(g.arrays().get(b).data());
                    BandArray window = ItemFiles.readWindow(info, b, 1, 1, info.width() - 2, info.height() - 1);
                    assertThat(plane.region(1, 1, info.width() - 2, info.height() - 1).data()).isEqualTo(window.data());
                }
            }
        }
    }
}
