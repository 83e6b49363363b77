package io.patchserve.search;

import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.StacItemsLoader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filters on the split are answered from its column, which holds only string values: a split stored as an
 * array, an object or a number is not the string it contains or spells, exactly as JSONB containment has it.
 */
@QuarkusTest
class SplitColumnTest {

    @Inject
    StacItemsLoader loader;

    @TempDir
    Path temp;

    private static String item(String id, String splitJson) {
        return "{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"" + id + "\",\"geometry\":null,"
                + "\"properties\":{\"datetime\":\"2024-05-01T00:00:00Z\",\"split\":" + splitJson + "},\"links\":[],\"assets\":{}}";
    }

    private List<String> ids(String collection, String filter) {
        return given().queryParam("collections", collection).queryParam("filter", filter).queryParam("sortby", "+id")
                .get("/search").then().statusCode(200).extract().jsonPath().getList("features.id", String.class);
    }

    @Test
    void onlyStringSplitsMatchStringLiterals() throws Exception {
        String collection = "split-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.write(temp.resolve("items.ndjson"), List.of(
                item("a-string", "\"val\""), item("b-array", "[\"val\"]"), item("c-object", "{\"name\":\"val\"}"),
                item("d-number", "7"), item("e-train", "\"train\""), item("f-seven", "\"7\""), item("g-null", "null")));
        IngestReport report = loader.load(collection, file, null);
        assertThat(report.succeeded()).as(report.failure()).isTrue();

        assertThat(ids(collection, "split = 'val'")).containsExactly("a-string");
        assertThat(ids(collection, "split = '7'")).containsExactly("f-seven");
        assertThat(ids(collection, "split IN ('val', 'train', '7')")).containsExactly("a-string", "e-train", "f-seven");
        assertThat(ids(collection, "split <> 'val'")).containsExactly("b-array", "c-object", "d-number", "e-train", "f-seven", "g-null");
        assertThat(ids(collection, "NOT split = 'val'")).containsExactly("b-array", "c-object", "d-number", "e-train", "f-seven", "g-null");
        assertThat(ids(collection, "NOT split IN ('val', 'train')"))
                .containsExactly("b-array", "c-object", "d-number", "f-seven", "g-null");
    }
}
