package io.patchserve.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk load over several batches, merged on several connections at once: an item given again in a later
 * batch (the next one, in flight at the same time, or one after) ends as its last line says, and every line is
 * counted once as created, updated or unchanged.
 */
@QuarkusTest
class StacItemsLoaderTest {

    @Inject
    StacItemsLoader loader;

    @TempDir
    Path temp;

    private static String line(int item, int version) {
        return String.format("{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"r-%05d\",\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[%d.5,45.25]},\"properties\":{\"datetime\":\"%s\",\"version\":%d},"
                        + "\"links\":[],\"assets\":{}}",
                item, item % 170 - 85, Instant.parse("2023-01-01T00:00:00Z").plusSeconds(item * 60L), version);
    }

    @Test
    void theLastLineOfAnItemWinsAcrossBatchesLoadedAtTheSameTime() throws Exception {
        int batch = StacItemsLoader.BATCH;
        List<String> lines = new ArrayList<>();
        Map<Integer, Integer> expected = new TreeMap<>();
        for (int i = 0; i < batch; i++) {                // batch 1: items 0 .. batch-1, version 1
            lines.add(line(i, 1));
            expected.put(i, 1);
        }
        for (int i = 0; i < 40; i++) {                   // batch 2 begins with 40 items of batch 1, version 2
            lines.add(line(i, 2));
            expected.put(i, 2);
        }
        for (int i = batch; lines.size() < 2 * batch; i++) {
            lines.add(line(i, 1));
            expected.put(i, 1);
        }
        for (int i = 20; i < 30; i++) {                  // batch 3: ten of them again, version 3
            lines.add(line(i, 3));
            expected.put(i, 3);
        }
        for (int i = batch; i < batch + 15; i++) {       // and 15 items of batch 2, version 3
            lines.add(line(i, 3));
            expected.put(i, 3);
        }
        Path file = Files.write(temp.resolve("items.ndjson"), lines);
        String collection = "bulk-" + UUID.randomUUID().toString().substring(0, 8);

        IngestReport report = loader.load(collection, file, null);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(expected.size());
        assertThat(report.updated()).isEqualTo(40 + 10 + 15);
        assertThat(report.done()).isEqualTo(lines.size());
        for (int version = 2; version <= 3; version++) {
            int v = version;
            List<String> want = expected.entrySet().stream().filter(e -> e.getValue() == v)
                    .map(e -> String.format("r-%05d", e.getKey())).toList();
            JsonPath page = given().queryParam("collections", collection).queryParam("filter", "version = " + version)
                    .queryParam("sortby", "+id").queryParam("limit", 200).get("/search")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("features.id", String.class)).as("items at version %d", version)
                    .containsExactlyElementsOf(want);
        }
    }
}
