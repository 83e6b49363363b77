package io.patchserve.crop;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.PythonTools;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Crops of SMCEFR's RGB PNGs (no georeference): windows only, pixels equal to the PNG as Pillow reads it. */
@QuarkusTest
class SmcefrCropTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void windowsOfAnRgbPngMatchThePngItself() throws Exception {
        String collection = "crop-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 2, 64);

        String output = PythonTools.run("check_smcefr_crop.py", "http://localhost:" + RestAssured.port, collection);
        assertThat(output).contains("smcefr crop: ok");
    }

    @Test
    void unknownItemsAndCollectionsAre404WithJson() {
        given().get("/collections/no-such/items/x/crop.png").then().statusCode(404)
                .contentType("application/json").body("description", containsString("no-such"));
        given().get("/collections/no-such/items/x/crop.h5").then().statusCode(404).contentType("application/json");
        given().get("/collections/no-such/statistics").then().statusCode(404).contentType("application/json");
    }

    @Test
    void malformedParametersAre400WithTheReason() {
        given().get("/collections/any/items/x/crop.png?window=1,2,3").then().statusCode(400)
                .body("description", equalTo("window takes 4 comma-separated numbers; got '1,2,3'"));
        given().get("/collections/any/items/x/crop.png?rescale=3,3").then().statusCode(400)
                .body("description", equalTo("rescale '3,3' needs min < max"));
        given().get("/collections/any/items/x/crop.png?width=-4").then().statusCode(400)
                .body("description", equalTo("width must be a positive integer; got '-4'"));
        given().get("/collections/any/items/x/crop.png?bbox-crs=EPSG:4326").then().statusCode(400)
                .body("description", equalTo("bbox-crs needs a bbox"));
        given().get("/collections/any/items/x/crop.png?bbox=3,0,1,1").then().statusCode(400)
                .body("description", equalTo("bbox needs minx < maxx and miny < maxy; got '3,0,1,1'"));
    }
}
