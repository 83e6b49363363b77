package io.patchserve.testing;

import io.patchserve.ingest.IngestService;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds SMCEFR-like releases for tests: PNGs written by the JDK's own ImageIO encoder (independent of the
 * code under test), named by Sentinel-3 product names, plus deliberately broken files.
 */
public final class SmcefrFixtures {

    public static final String BAD_NAME = "not_a_product_name.png";
    public static final String NOT_PNG_BYTES = "S3A_OL_1_EFR____20210101T000000_20210101T000300_20210102T000000_0180_066_001_1080_LN1_O_NT_002.png";
    public static final String TRUNCATED = "S3B_OL_1_EFR____20210102T000000_20210102T000300_20210103T000000_0180_066_002_1080_LN1_O_NT_002.png";
    public static final String README = "README.txt";

    private SmcefrFixtures() {
    }

    /** A valid product name per {@code i}: December 2021 day by day, then a month earlier for every 28 more. */
    public static String productName(int i) {
        String month = String.format("2021%02d", 12 - (i / 28) % 12);
        int day = 1 + i % 28;
        return String.format("S3%s_OL_1_EFR____%s%02dT1340%02d_%s%02dT1343%02d_%s%02dT184123_0179_080_%03d_%04d_LN1_O_NT_002",
                i % 2 == 0 ? "A" : "B", month, day, i % 60, month, day, i % 60, month, day + 1, 100 + i % 900, 2000 + i);
    }

    /**
     * Writes a release into {@code folder} ({@link #release}) and ingests it into {@code collection}, checking
     * that every valid patch was created.
     */
    public static void ingested(IngestService ingest, String collection, Path folder, int count, int size) {
        release(folder, count, size);
        assertThat(ingest.ingest("smcefr", collection, folder).created()).isEqualTo(count);
    }

    /** Writes {@code count} valid patches of {@code size}² pixels and the four bad files; returns the valid ones. */
    public static List<Path> release(Path folder, int count, int size) {
        try {
            Files.createDirectories(folder);
            List<Path> valid = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path file = folder.resolve(productName(i) + ".png");
                writePng(file, size, i);
                valid.add(file);
            }
            writePng(folder.resolve(BAD_NAME), size, 99);
            Files.writeString(folder.resolve(NOT_PNG_BYTES), "this is text, not an image");
            Path truncated = folder.resolve(TRUNCATED);
            writePng(truncated, size, 98);
            byte[] bytes = Files.readAllBytes(truncated);
            Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            Files.writeString(folder.resolve(README), "demo release");
            return valid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writePng(Path file, int size, long seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Packs a folder with GNU tar and gzip, as a publisher would. */
    public static Path tarGz(Path folder, Path archive) {
        try {
            Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", folder.toString(), ".")
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar failed: " + output);
            }
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
