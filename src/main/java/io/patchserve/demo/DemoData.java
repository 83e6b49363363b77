package io.patchserve.demo;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a small SMCEFR-like release: RGB PNGs named by plausible Sentinel-3 OLCI product names, with
 * smooth synthetic scenes (sea, land, cloud). The same count always gives the same files, byte for byte.
 */
public final class DemoData {

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private DemoData() {
    }

    public static List<Path> write(Path folder, int count, int size) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = folder.resolve(productName(i) + ".png");
            ImageIO.write(scene(i, size), "png", file.toFile());
            written.add(file);
        }
        return written;
    }

    /** A product name for the i-th demo patch: alternating S3A/S3B, three days apart, frames along one orbit. */
    public static String productName(int i) {
        LocalDateTime start = LocalDateTime.of(2021, 1, 4, 9, 30, 0).plusDays(3L * i).plusMinutes(7L * (i % 9));
        LocalDateTime stop = start.plusSeconds(180);
        LocalDateTime created = stop.plusHours(26 + i % 5);
        String mission = i % 2 == 0 ? "S3A" : "S3B";
        return String.format("%s_OL_1_EFR____%s_%s_%s_0179_%03d_%03d_%04d_LN1_O_NT_002", mission,
                NAME_TIME.format(start), NAME_TIME.format(stop), NAME_TIME.format(created),
                60 + i / 9, 1 + (i * 37) % 385, 1080 + (i % 12) * 180);
    }

    private static BufferedImage scene(int seed, int size) {
        SplittableRandom random = new SplittableRandom(seed * 7919L + 17);
        double[][] waves = new double[6][4];
        for (double[] w : waves) {
            w[0] = random.nextDouble(0.5, 4.0);                 // frequency x
            w[1] = random.nextDouble(0.5, 4.0);                 // frequency y
            w[2] = random.nextDouble(0, 2 * Math.PI);           // phase
            w[3] = random.nextDouble(0.3, 1.0);                 // amplitude
        }
        double landLevel = random.nextDouble(-0.4, 0.4);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = x / (double) size, v = y / (double) size;
                double terrain = 0, cloud = 0;
                for (int k = 0; k < waves.length; k++) {
                    double value = waves[k][3] * Math.sin(2 * Math.PI * (waves[k][0] * u + waves[k][1] * v) + waves[k][2]);
                    if (k < 4) {
                        terrain += value;
                    } else {
                        cloud += value;
                    }
                }
                int r, g, b;
                if (terrain < landLevel) {          // sea: deep to shallow blue
                    double depth = Math.min(1, (landLevel - terrain) / 2);
                    r = (int) (10 + 20 * (1 - depth));
                    g = (int) (40 + 60 * (1 - depth));
                    b = (int) (80 + 70 * (1 - depth));
                } else {                            // land: green to brown with height
                    double height = Math.min(1, (terrain - landLevel) / 2);
                    r = (int) (60 + 110 * height);
                    g = (int) (110 + 40 * (1 - height));
                    b = (int) (40 + 40 * height);
                }
                double cover = Math.max(0, Math.min(1, (cloud - 0.6) * 1.5));
                r = (int) (r + (235 - r) * cover);
                g = (int) (g + (235 - g) * cover);
                b = (int) (b + (240 - b) * cover);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }
}
