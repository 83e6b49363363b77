package io.patchserve.bundle;

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

/**
 * Bundles as users take them: Python's tarfile streaming (r|gz), GNU tar and gzip -t, resumes at many offsets,
 * manifests checked against the index and every file's SHA-256.
 */
@QuarkusTest
class BundleTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void bundlesStreamVerifyAndResume() throws Exception {
        String collection = "bundle-" + UUID.randomUUID().toString().substring(0, 8);
        // 300 px patches are ~270 KB each: the archive spans many 64 KiB stored blocks
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 6, 300);

        String output = PythonTools.run("check_bundle.py", "http://localhost:" + RestAssured.port, collection, temp.toString());
        assertThat(output).contains("bundle: ok, 6 items");
    }

    @Test
    void headGivesLengthAndEtagWithoutABody() {
        String collection = "bundle-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 2, 32);

        var head = given().head("/collections/{c}/bundle.tar.gz", collection).then().statusCode(200)
                .header("Accept-Ranges", "bytes").header("Patchserve-Bundle-Items", "2").extract();
        byte[] body = given().get("/collections/{c}/bundle.tar.gz", collection).then().statusCode(200).extract().asByteArray();
        assertThat(Long.parseLong(head.header("Content-Length"))).isEqualTo(body.length);
        assertThat(head.header("ETag")).startsWith("\"tgz-");
        given().header("Range", "bytes=" + body.length + "-").get("/collections/{c}/bundle.tar.gz", collection)
                .then().statusCode(416).header("Content-Range", "bytes */" + body.length);
    }

    @Test
    void badRequestsAreJson4xx() {
        given().get("/collections/no-such/bundle.tar").then().statusCode(404).body("description", containsString("no-such"));
        given().get("/collections/no-such/bundle.tar.gz?bbox=1,2").then().statusCode(404);
        given().contentType("application/json").body("[1]").post("/search/bundle.tar").then().statusCode(400)
                .body("description", equalTo("the search body must be a JSON object"));
        given().contentType("application/json").body("{\"assets\": \"data\"}").post("/search/bundle.tar.gz").then()
                .statusCode(400).body("description", equalTo("assets must be an array of asset keys"));
        given().contentType("application/json").body("{\"bbox\": [1, 2]}").post("/search/bundle.tar").then().statusCode(400);
        // a search bundle names its collections, as POST and as GET
        given().contentType("application/json").body("{\"ids\": [\"a\"]}").post("/search/bundle.tar").then().statusCode(400)
                .body("description", containsString("names its collections"));
        given().get("/search/bundle.h5?ids=a").then().statusCode(400).body("description", containsString("names its collections"));
    }
}
