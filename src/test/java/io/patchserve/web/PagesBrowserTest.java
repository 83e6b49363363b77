package io.patchserve.web;

import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.testing.NodeTools;
import io.patchserve.testing.PythonTools;
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
import static org.hamcrest.Matchers.startsWith;

/**
 * The dataset pages in a real headless browser (check_pages.mjs: chromium through playwright-core, html-validate,
 * axe-core) over a BigEarthNet release made by GDAL; and the negotiation that routes browsers to them.
 */
@QuarkusTest
class PagesBrowserTest {

    @Inject
    IngestService ingest;

    @Inject
    io.patchserve.release.ReleaseService releases;

    @TempDir
    Path temp;

    @Test
    void landingAndCollectionPagesWorkInABrowser() throws Exception {
        String collection = "pages-ben-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("ben");
        PythonTools.run("make_bigearthnet.py", release.toString(), "9");
        assertThat(ingest.ingest(BigEarthNetFormat.NAME, collection, release).created()).isEqualTo(9);

        String output = NodeTools.run("check_pages.mjs", "http://localhost:" + RestAssured.port, collection,
                "target/screenshots");
        assertThat(output).contains("pages: ok");
        // the code the page offers, run as a user pastes it: torch DataLoader over the filter's bundle.h5, ogrinfo
        assertThat(PythonTools.run("run_page_code.py", "target/screenshots")).contains("page code: ok");

        // a release's pages: the same pages of its frozen items, saying which release they are, with its changes
        releases.release(collection, "v1", "The first release", null);
        String released = NodeTools.run("check_pages.mjs", "http://localhost:" + RestAssured.port, collection + "@v1",
                "target/screenshots/release");
        assertThat(released).contains("pages: ok");
    }

    /** A release without footprints, splits or labels (SMCEFR): extent boxes on the maps, a date filter. */
    @Test
    void pagesOfADatasetWithoutFootprintsOrSplits() throws Exception {
        String collection = "pages-smcefr-" + UUID.randomUUID().toString().substring(0, 8);
        io.patchserve.testing.SmcefrFixtures.release(temp.resolve("smcefr"), 14, 64);
        assertThat(ingest.ingest("smcefr", collection, temp.resolve("smcefr")).created()).isEqualTo(14);

        String output = NodeTools.run("check_pages.mjs", "http://localhost:" + RestAssured.port, collection,
                "target/screenshots/smcefr");
        assertThat(output).contains("pages: ok").contains("filter");
        assertThat(PythonTools.run("run_page_code.py", "target/screenshots/smcefr")).contains("page code: ok");
    }

    @Test
    void theSameUrlsServeJsonOrAPage() {
        given().accept("text/html").get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Vary", containsString("Accept"));
        given().accept("*/*").get("/").then().statusCode(200).contentType(startsWith("application/json"));
        given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get("/collections")
                .then().statusCode(200).contentType(startsWith("text/html"));
        given().accept("text/html").queryParam("f", "json").get("/").then().statusCode(200).contentType(startsWith("application/json"));
        given().accept("application/json").queryParam("f", "html").get("/").then().statusCode(200).contentType(startsWith("text/html"));
        given().queryParam("f", "xml").get("/").then().statusCode(400).body("description", containsString("f takes html or json"));
        given().queryParam("f", "html").get("/conformance").then().statusCode(406);
        given().accept("text/html").get("/collections/no-such-collection").then().statusCode(404);
    }
}
