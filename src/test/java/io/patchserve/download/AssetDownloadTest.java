package io.patchserve.download;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AssetDownloadTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    String collection;
    String item;
    byte[] source;
    String sha256;

    @BeforeEach
    void ingestOnePatch() throws Exception {
        collection = "assets-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = Files.createDirectories(temp.resolve("release"));
        item = SmcefrFixtures.productName(3);
        Path png = folder.resolve(item + ".png");
        SmcefrFixtures.writePng(png, 96, 7);
        source = Files.readAllBytes(png);
        sha256 = SmcefrFixtures.sha256(source);
        assertThat(ingest.ingest("smcefr", collection, folder).created()).isEqualTo(1);
    }

    private String assetPath() {
        return "/collections/" + collection + "/items/" + item + "/assets/image";
    }

    @Test
    void servesTheStoredBytesWithHeaders() {
        Response response = given().get(assetPath());
        response.then().statusCode(200)
                .contentType("image/png")
                .header("Content-Length", String.valueOf(source.length))
                .header("ETag", "\"" + sha256 + "\"")
                .header("Accept-Ranges", "bytes")
                // an image opens in the browser (a click on a preview shows it) and is saved under its name
                .header("Content-Disposition", "inline; filename=\"" + item + ".png\"");
        assertThat(response.asByteArray()).isEqualTo(source);
    }

    @Test
    void itemAssetCarriesAbsoluteHrefAndChecksum() {
        given().get("/collections/{c}/items/{i}", collection, item).then().statusCode(200)
                .body("assets.image.href", startsWith("http://localhost:"))
                .body("assets.image.href", org.hamcrest.Matchers.endsWith(assetPath()))
                .body("assets.image.'file:size'", equalTo(source.length))
                .body("assets.image.'file:checksum'", equalTo("1220" + sha256))
                .body("assets.image.type", equalTo("image/png"));
    }

    @Test
    void aMatchingIfNoneMatchGets304() {
        given().header("If-None-Match", "\"" + sha256 + "\"").get(assetPath())
                .then().statusCode(304).header("ETag", "\"" + sha256 + "\"");
        given().header("If-None-Match", "W/\"" + sha256 + "\", \"other\"").get(assetPath()).then().statusCode(304);
        given().header("If-None-Match", "\"something-else\"").get(assetPath()).then().statusCode(200);
    }

    @Test
    void aSingleRangeGets206WithThatSlice() {
        Response first = given().header("Range", "bytes=0-99").get(assetPath());
        first.then().statusCode(206)
                .header("Content-Range", "bytes 0-99/" + source.length)
                .header("Content-Length", "100");
        assertThat(first.asByteArray()).isEqualTo(Arrays.copyOfRange(source, 0, 100));

        Response rest = given().header("Range", "bytes=100-").get(assetPath());
        rest.then().statusCode(206).header("Content-Range", "bytes 100-" + (source.length - 1) + "/" + source.length);
        assertThat(rest.asByteArray()).isEqualTo(Arrays.copyOfRange(source, 100, source.length));

        Response suffix = given().header("Range", "bytes=-10").get(assetPath());
        suffix.then().statusCode(206);
        assertThat(suffix.asByteArray()).isEqualTo(Arrays.copyOfRange(source, source.length - 10, source.length));

        Response beyondEnd = given().header("Range", "bytes=10-999999999").get(assetPath());
        beyondEnd.then().statusCode(206);
        assertThat(beyondEnd.asByteArray()).isEqualTo(Arrays.copyOfRange(source, 10, source.length));
    }

    @Test
    void anUnsatisfiableRangeGets416() {
        given().header("Range", "bytes=" + source.length + "-").get(assetPath())
                .then().statusCode(416).header("Content-Range", "bytes */" + source.length);
    }

    @Test
    void aMultiOrMalformedRangeGetsTheWholeFile() {
        assertThat(given().header("Range", "bytes=0-1,5-6").get(assetPath()).then().statusCode(200)
                .extract().asByteArray()).isEqualTo(source);
        given().header("Range", "pages=1-2").get(assetPath()).then().statusCode(200);
    }

    @Test
    void aStaleIfRangeGetsTheWholeFile() {
        given().header("Range", "bytes=0-9").header("If-Range", "\"stale\"").get(assetPath())
                .then().statusCode(200).header("Content-Length", String.valueOf(source.length));
        given().header("Range", "bytes=0-9").header("If-Range", "\"" + sha256 + "\"").get(assetPath())
                .then().statusCode(206);
    }

    @Test
    void headReportsWithoutABody() {
        given().head(assetPath()).then().statusCode(200)
                .header("Content-Length", String.valueOf(source.length))
                .header("ETag", "\"" + sha256 + "\"");
    }

    /** Every item has a small PNG with the thumbnail role that galleries show; the fixture's is already small. */
    @Test
    void aThumbnailIsTheImageAtMost256PixelsWide() throws Exception {
        given().get("/collections/{c}/items/{i}", collection, item).then().statusCode(200)
                .body("assets.thumbnail.roles", org.hamcrest.Matchers.hasItems("thumbnail", "overview"))
                .body("assets.thumbnail.type", equalTo("image/png"));
        byte[] thumbnail = given().get(assetPath().replace("/image", "/thumbnail")).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("inline")).extract().asByteArray();
        java.awt.image.BufferedImage small = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumbnail));
        java.awt.image.BufferedImage full = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(source));
        assertThat(Math.max(small.getWidth(), small.getHeight())).isLessThanOrEqualTo(256);
        assertThat(small.getWidth()).isEqualTo(full.getWidth()); // no larger than 256 already: every pixel kept
        for (int y = 0; y < full.getHeight(); y++) {
            for (int x = 0; x < full.getWidth(); x++) {
                assertThat(small.getRGB(x, y) & 0xffffff).isEqualTo(full.getRGB(x, y) & 0xffffff);
            }
        }
    }

    @Test
    void unknownAssetItemAndCollectionAre404WithJson() {
        given().get("/collections/{c}/items/{i}/assets/nope", collection, item).then().statusCode(404)
                .contentType("application/json")
                .body("code", equalTo("NotFound"))
                .body("description", equalTo("item '" + item + "' has no asset 'nope'; its assets are [image, thumbnail]"));
        given().get("/collections/{c}/items/nope/assets/image", collection).then().statusCode(404)
                .body("description", equalTo("item 'nope' does not exist in collection '" + collection + "'"));
        given().get("/collections/nope/items/{i}/assets/image", item).then().statusCode(404)
                .body("description", equalTo("collection 'nope' does not exist"));
    }
}
