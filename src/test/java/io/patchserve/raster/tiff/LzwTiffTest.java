package io.patchserve.raster.tiff;

import io.patchserve.raster.BandArray;
import io.patchserve.testing.PythonTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** LZW TIFFs written by libtiff, read back pixel for pixel, including the decoder's corner cases. */
@Tag("unit")
class LzwTiffTest {

    @Test
    void readsWhatLibtiffWrote(@TempDir Path dir) throws Exception {
        PythonTools.run("make_lzw_tiffs.py", dir.toString());
        assertThat(Files.size(dir.resolve("mapped-u16.tif"))).as("a file the reader maps").isGreaterThan(8L << 20);
        for (String name : List.of("constant-u8", "gradient-u16", "noise-u8", "large-u16", "tiled-u16", "mapped-u16")) {
            BandArray pixels = TiffReader.read(dir.resolve(name + ".tif")).pixels();
            ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".bin"))).order(ByteOrder.LITTLE_ENDIAN);
            boolean sixteen = name.endsWith("u16");
            assertThat(expected.remaining()).as(name).isEqualTo(pixels.length() * (sixteen ? 2 : 1));
            for (int i = 0; i < pixels.length(); i++) {
                double want = sixteen ? expected.getShort() & 0xFFFF : expected.get() & 0xFF;
                if (pixels.get(i) != want) {
                    assertThat(pixels.get(i)).as(name + " pixel " + i).isEqualTo(want);
                }
            }
        }
    }
}
