package io.patchserve.raster.png;

import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class PngInspectorTest {

    @TempDir
    Path temp;

    private byte[] png(int size) throws Exception {
        Path file = temp.resolve("p.png");
        SmcefrFixtures.writePng(file, size, 1);
        return Files.readAllBytes(file);
    }

    @Test
    void readsTheHeaderOfAValidPng() throws Exception {
        PngInspector.PngInfo info = PngInspector.inspect(new ByteArrayInputStream(png(40)));
        assertThat(info.width()).isEqualTo(40);
        assertThat(info.height()).isEqualTo(40);
        assertThat(info.channels()).isEqualTo(3);
        assertThat(info.bitDepth()).isEqualTo(8);
    }

    @Test
    void rejectsTruncatedCorruptAndForeignBytes() throws Exception {
        byte[] good = png(40);
        assertThatThrownBy(() -> PngInspector.inspect(new ByteArrayInputStream(Arrays.copyOf(good, good.length - 5))))
                .hasMessage("truncated PNG (no IEND chunk)");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertThatThrownBy(() -> PngInspector.inspect(new ByteArrayInputStream(flipped)))
                .hasMessageContaining("fails its CRC");
        assertThatThrownBy(() -> PngInspector.inspect(new ByteArrayInputStream("GIF89a....".getBytes())))
                .hasMessage("not a PNG (bad signature)");
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> PngInspector.inspect(new ByteArrayInputStream(trailing)))
                .hasMessage("data after the IEND chunk");
    }
}
