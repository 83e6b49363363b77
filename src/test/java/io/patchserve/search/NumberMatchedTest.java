package io.patchserve.search;

import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.StacItemsLoader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * numberMatched above and below the exact-count limit (1,000): exact and unflagged for a few hundred matches
 * spread over several pages, the planner's estimate flagged as such for thousands, exact again on a last page.
 */
@QuarkusTest
class NumberMatchedTest {

    private static final int ITEMS = 2400;

    private static String collection;

    @Inject
    StacItemsLoader loader;

    @BeforeEach
    void load() throws IOException {
        if (collection != null) {
            return;
        }
        String id = "matched-" + System.nanoTime();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            // every 8th item is "rare": 300 of them
            String kind = i % 8 == 0 ? "rare" : "common";
            lines.add(String.format("{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"m-%05d\",\"geometry\":null,"
                    + "\"properties\":{\"datetime\":\"%s\",\"kind\":\"%s\",\"n\":%d},\"links\":[],\"assets\":{}}",
                    i, Instant.parse("2022-01-01T00:00:00Z").plusSeconds(i * 3600L), kind, i));
        }
        Path file = Files.write(Files.createTempDirectory("matched").resolve("items.ndjson"), lines);
        IngestReport report = loader.load(id, file, null);
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        collection = id;
    }

    private JsonPath search(String filter, int limit) {
        return given().queryParam("collections", collection).queryParam("filter", filter).queryParam("limit", limit)
                .get("/search").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void fewMatchesAreCountedExactlyWhileTheFirstPageIsRight() {
        JsonPath page = search("kind = 'rare'", 7);
        assertThat(page.getInt("numberMatched")).isEqualTo(ITEMS / 8);
        assertThat(page.getMap("$")).doesNotContainKey("patchserve:numberMatchedIsEstimate");
        // newest first: the counted first page is the top of the order, not any seven matches
        assertThat(page.getList("features.id", String.class))
                .containsExactly("m-02392", "m-02384", "m-02376", "m-02368", "m-02360", "m-02352", "m-02344");

        JsonPath none = search("kind = 'absent'", 7);
        assertThat(none.getInt("numberMatched")).isZero();
        assertThat(none.getList("features")).isEmpty();
    }

    @Test
    void manyMatchesAreAnEstimateSaidToBeOne() {
        JsonPath page = search("kind = 'common'", 10);
        assertThat(page.getBoolean("'patchserve:numberMatchedIsEstimate'")).isTrue();
        int exact = ITEMS - ITEMS / 8;
        assertThat(page.getInt("numberMatched")).isGreaterThan(1000).isBetween(exact / 3, exact * 3);
        assertThat(page.getList("features.id", String.class)).first().isEqualTo("m-02399");
    }

    @Test
    void aSingleFullPageIsExactEvenWhenThePlannerExpectedMore() {
        // n >= 0 matches all of them as far as the planner knows; the ids bound the answer to three
        JsonPath page = given().queryParam("collections", collection).queryParam("ids", "m-00001,m-00002,m-00003")
                .queryParam("filter", "n >= 0").queryParam("limit", 10).get("/search").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getInt("numberMatched")).isEqualTo(3);
        assertThat(page.getMap("$")).doesNotContainKey("patchserve:numberMatchedIsEstimate");
    }
}
