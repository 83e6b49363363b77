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

    /** A rerun of a shorter file withdraws the items gone from it; an empty file is refused unless allowed. */
    @Test
    void aRerunMirrorsTheFile() throws Exception {
        String collection = "bulk-mirror-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(line(i, 1));
        }
        assertThat(loader.load(collection, Files.write(temp.resolve("all.ndjson"), lines), null).created()).isEqualTo(10);

        IngestReport rerun = loader.load(collection, Files.write(temp.resolve("fewer.ndjson"), lines.subList(3, 10)), null);
        assertThat(rerun.succeeded()).as(rerun.failure()).isTrue();
        assertThat(rerun.withdrawn()).isEqualTo(3);
        assertThat(rerun.unchanged()).isEqualTo(7);
        JsonPath page = given().queryParam("collections", collection).queryParam("sortby", "+id").queryParam("limit", 100)
                .get("/search").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("features.id", String.class)).containsExactly("r-00003", "r-00004", "r-00005", "r-00006",
                "r-00007", "r-00008", "r-00009");

        Path empty = Files.write(temp.resolve("empty.ndjson"), List.of());
        IngestReport refused = loader.load(collection, empty, null);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.failure()).contains("found none of the collection's 7 items").contains("--allow-empty");
        IngestReport allowed = loader.load(collection, empty, null,
                SourceMirror.Options.forRun(Shard.ALL, null, collection, true), loader.newReport(collection));
        assertThat(allowed.withdrawn()).isEqualTo(7);
        assertThat(given().get("/collections/{c}", collection).then().statusCode(200).extract().jsonPath()
                .getLong("'patchserve:counts'.items")).isZero();
    }
}
