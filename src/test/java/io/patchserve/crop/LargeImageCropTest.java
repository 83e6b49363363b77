package io.patchserve.crop;

import io.patchserve.catalog.CatalogWriter;
import io.patchserve.catalog.ItemStore;
import io.patchserve.catalog.NewCollection;
import io.patchserve.catalog.NewItem;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.raster.RasterModel;
import io.patchserve.storage.ObjectStore;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crops of images too large to decode whole within the crop budget (64 MB): a window is decoded alone, with its
 * pixels right; asking for the whole image is a 400 that says why; a stored PNG whose data lies about its size
 * (published before ingest checked headers) is a 422, not a 500.
 */
@QuarkusTest
class LargeImageCropTest {

    @Inject
    ObjectStore store;

    @Inject
    ItemStore items;

    @Inject
    CatalogWriter writer;

    @TempDir
    Path temp;

    @Test
    void aLargeImageIsCroppedWindowByWindow() throws Exception {
        int side = 5000; // 5000 x 5000 x 3 = 75 MB decoded
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, ((x & 0xFF) << 16) | ((y & 0xFF) << 8) | ((x + y) & 0xFF));
            }
        }
        Path png = temp.resolve("large.png");
        ImageIO.write(image, "png", png.toFile());
        String collection = publish(Files.readAllBytes(png));

        byte[] crop = given().get("/collections/{c}/items/{i}/crop.png?window=4000,3000,64,32", collection, SmcefrFixtures.productName(0))
                .then().statusCode(200).extract().asByteArray();
        BufferedImage window = ImageIO.read(new ByteArrayInputStream(crop));
        assertThat(window.getWidth()).isEqualTo(64);
        assertThat(window.getHeight()).isEqualTo(32);
        for (int[] p : new int[][]{{0, 0}, {63, 31}, {17, 5}}) {
            int x = 4000 + p[0], y = 3000 + p[1];
            assertThat(window.getRGB(p[0], p[1]) & 0xFFFFFF).isEqualTo(((x & 0xFF) << 16) | ((y & 0xFF) << 8) | ((x + y) & 0xFF));
        }

        // a small output of the whole image would still decode all of it: refused with the reason
        Response whole = given().get("/collections/{c}/items/{i}/crop.png?width=256", collection, SmcefrFixtures.productName(0));
        assertThat(whole.statusCode()).isEqualTo(400);
        assertThat(whole.jsonPath().getString("description")).contains("5000 x 5000 image").contains("ask for a smaller window");
    }

    @Test
    void aStoredImageWhoseDataLiesIs422() throws Exception {
        // IHDR says 100,000 x 100,000, the data holds one row: every chunk's CRC is right
        byte[] liar = png(100_000, 100_000, 1);
        String collection = publish(liar);
        Response whole = given().get("/collections/{c}/items/{i}/crop.png", collection, SmcefrFixtures.productName(0));
        assertThat(whole.statusCode()).isEqualTo(400);
        Response window = given().get("/collections/{c}/items/{i}/crop.png?window=0,0,64,64", collection, SmcefrFixtures.productName(0));
        assertThat(window.statusCode()).isEqualTo(422);
        assertThat(window.jsonPath().getString("code")).isEqualTo("UnprocessableContent");
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** Stores a PNG as an SMCEFR item's data the way an older ingest did, without a header check. */
    private String publish(byte[] png) throws Exception {
        String collection = "large-" + UUID.randomUUID().toString().substring(0, 8);
        writer.ensureCollection(new NewCollection(collection, null, "large images", "CC0-1.0", List.of(),
                Map.of(RasterModel.KEY, RasterModel.RGB_PNG)));
        Path file = temp.resolve(collection + ".png");
        Files.write(file, png);
        String sha = SmcefrFixtures.sha256(png);
        String key = collection + "/" + SmcefrFixtures.productName(0) + "/image-" + sha.substring(0, 16) + ".png";
        store.put(key, file, "image/png", sha);
        items.upsert(new NewItem(collection, SmcefrFixtures.productName(0), null, Instant.parse("2021-01-01T00:00:00Z"),
                null, null, Map.of(), Map.of("image", new StoredAsset(key, "image/png", png.length, sha, List.of("data"), null,
                "image.png")), "h-" + sha), null, null);
        return collection;
    }

    private static byte[] png(int width, int height, int rows) throws Exception {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        for (int r = 0; r < rows; r++) {
            raw.write(0);
            raw.write(new byte[3 * width]);
        }
        java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(deflated)) {
            z.write(raw.toByteArray());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", deflated.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] kind = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(kind);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(kind);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
