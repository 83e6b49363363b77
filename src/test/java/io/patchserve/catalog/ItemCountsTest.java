package io.patchserve.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collection's vocabulary counts ({@code patchserve:counts}, {@code label:overviews}) equal a recount over the
 * items it serves after every kind of change: an ingest, a relabel, a patch moved to another split, an item
 * deleted, a nomenclature edited.
 */
@QuarkusTest
class ItemCountsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    IngestService ingest;

    @Inject
    TransactionService transactions;

    @TempDir
    Path temp;

    @Test
    void countsEqualARecountAfterEveryKindOfChange() throws Exception {
        String collection = "counts-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("release");
        PythonTools.run("make_bigearthnet.py", release.toString(), "8");
        ingest.ingest(BigEarthNetFormat.NAME, collection, release);
        assertCountsAreARecount(collection, 8);

        // relabel one patch and move another from train to test, then ingest the release again
        List<String> train = Files.readAllLines(release.resolve("train.csv"));
        String relabelled = train.get(0), moved = train.get(1);
        PythonTools.run("edit_bigearthnet.py", release.toString(), "relabel", relabelled, "Sea and ocean", "Coastal lagoons");
        PythonTools.run("edit_bigearthnet.py", release.toString(), "move", moved, "test");
        ingest.ingest(BigEarthNetFormat.NAME, collection, release);
        Map<String, JsonNode> items = items(collection);
        assertThat(items.get(relabelled).path("properties").path("labels").toString()).contains("Sea and ocean");
        assertThat(items.get(moved).path("properties").path("split").asText()).isEqualTo("test");
        assertCountsAreARecount(collection, 8);

        // an item deleted
        transactions.deleteItem(collection, moved);
        assertCountsAreARecount(collection, 7);

        // a nomenclature edited: the counts follow the new class lists at once
        JsonNode stored = MAPPER.readTree(given().get("/collections/{c}", collection).then().statusCode(200).extract().asString());
        ObjectNode edited = (ObjectNode) stored.deepCopy();
        ((ObjectNode) edited.get("patchserve:classes")).remove("labels_19");
        transactions.updateCollection(collection, edited);
        JsonNode counts = MAPPER.readTree(given().get("/collections/{c}", collection).then().extract().asString()).path("patchserve:counts");
        assertThat(counts.path("classes").has("labels_19")).as(given().get("/collections/{c}", collection).then().extract().asString()).isFalse();
        assertCountsAreARecount(collection, 7);
    }

    /** Compares the served counts (items, per split, per class and split, per month) with counts made here from the items the collection serves. */
    private static void assertCountsAreARecount(String collection, int expectedItems) throws Exception {
        JsonNode described = MAPPER.readTree(given().get("/collections/{c}", collection).then().statusCode(200).extract().asString());
        JsonNode counts = described.path("patchserve:counts");
        Map<String, JsonNode> items = items(collection);
        assertThat(items).hasSize(expectedItems);
        assertThat(counts.path("items").asLong()).isEqualTo(expectedItems);

        Map<String, Long> splits = new TreeMap<>();
        items.values().forEach(i -> splits.merge(i.path("properties").path("split").asText(), 1L, Long::sum));
        assertThat(longs(counts.path("splits"))).isEqualTo(splits);

        Map<String, Long> months = new TreeMap<>();
        items.values().forEach(i -> {
            JsonNode p = i.path("properties");
            String when = p.path("datetime").isTextual() ? p.path("datetime").asText() : p.path("start_datetime").asText();
            months.merge(java.time.Instant.parse(when).toString().substring(0, 7), 1L, Long::sum);
        });
        assertThat(longs(counts.path("months"))).isEqualTo(months);

        long bytes = 0;
        for (JsonNode item : items.values()) {
            for (JsonNode asset : item.path("assets")) {
                bytes += asset.path("file:size").asLong();
            }
        }
        assertThat(bytes).isPositive();
        assertThat(counts.path("bytes").asLong()).as("the bytes of the items' assets").isEqualTo(bytes);

        JsonNode classes = described.path("patchserve:classes");
        classes.fieldNames().forEachRemaining(property -> {
            for (JsonNode className : classes.path(property)) {
                String name = className.asText();
                Map<String, Long> expected = new TreeMap<>();
                expected.put(ItemCounts.ALL, 0L);
                for (JsonNode item : items.values()) {
                    boolean has = false;
                    for (JsonNode label : item.path("properties").path(property)) {
                        has |= label.asText().equals(name);
                    }
                    if (has) {
                        expected.merge(ItemCounts.ALL, 1L, Long::sum);
                        expected.merge(item.path("properties").path("split").asText(), 1L, Long::sum);
                    }
                }
                assertThat(longs(counts.path("classes").path(property).path(name))).as(property + "/" + name).isEqualTo(expected);
            }
        });
        // the label extension's overviews agree, in the collection's class order
        JsonNode overviews = described.path("summaries").path("label:overviews");
        assertThat(overviews.size()).isEqualTo(classes.size());
        for (JsonNode overview : overviews) {
            String property = overview.path("property_key").asText();
            List<String> names = new ArrayList<>();
            for (JsonNode c : overview.path("counts")) {
                names.add(c.path("name").asText());
                assertThat(c.path("count").asLong()).isEqualTo(counts.path("classes").path(property).path(c.path("name").asText()).path("all").asLong());
            }
            List<String> declared = new ArrayList<>();
            classes.path(property).forEach(n -> declared.add(n.asText()));
            assertThat(names).isEqualTo(declared);
        }
    }

    private static Map<String, Long> longs(JsonNode node) {
        return MAPPER.convertValue(node, new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Long>>() { });
    }

    private static Map<String, JsonNode> items(String collection) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        JsonNode page = MAPPER.readTree(given().get("/collections/{c}/items?limit=100", collection).then().statusCode(200).extract().asString());
        page.path("features").forEach(f -> out.put(f.path("id").asText(), f));
        return out;
    }
}
