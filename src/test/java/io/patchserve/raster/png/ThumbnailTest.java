package io.patchserve.raster.png;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A thumbnail keeps the aspect, fits 256 px, and each pixel is the source pixel at its centre (read by ImageIO). */
@Tag("unit")
class ThumbnailTest {

    @TempDir
    Path temp;

    @Test
    void aLargeImageShrinksToFitAndSamplesItsPixels() throws Exception {
        int w = 1000, h = 600;
        List<BandArray> rgb = List.of(BandArray.allocate(DataType.UINT8, w, h), BandArray.allocate(DataType.UINT8, w, h),
                BandArray.allocate(DataType.UINT8, w, h));
        for (int c = 0; c < 3; c++) {
            byte[] data = (byte[]) rgb.get(c).data();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[y * w + x] = (byte) ((x / 7 + y / 5 + c * 40) & 0xff);
                }
            }
        }
        Path file = temp.resolve("t.png");
        Rendering.writeThumbnail(file, rgb, 256);

        BufferedImage thumb = ImageIO.read(file.toFile());
        assertThat(thumb.getWidth()).isEqualTo(256);
        assertThat(thumb.getHeight()).isEqualTo(154);
        for (int[] p : new int[][]{{0, 0}, {100, 77}, {255, 153}}) {
            int sx = (int) ((p[0] + 0.5) * w / 256), sy = (int) ((p[1] + 0.5) * h / 154);
            int expected = 0;
            for (int c = 0; c < 3; c++) {
                expected = (expected << 8) | (((byte[]) rgb.get(c).data())[sy * w + sx] & 0xff);
            }
            assertThat(thumb.getRGB(p[0], p[1]) & 0xffffff).isEqualTo(expected);
        }
    }
}
