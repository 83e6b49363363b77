package io.patchserve.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The item writes an ingest uses, on the stack's PostGIS: a new item in one statement, a stored one replaced. */
@QuarkusTest
class ItemStoreTest {

    @Inject
    CatalogWriter writer;

    @Inject
    ItemStore items;

    @Test
    void insertIfAbsentWritesANewItemAndNeverOverwritesOne() {
        String collection = "items-" + UUID.randomUUID().toString().substring(0, 8);
        writer.ensureCollection(new NewCollection(collection, null, "d", "CC0-1.0", List.of(), Map.of()));
        UUID run = UUID.randomUUID();

        assertTrue(items.insertIfAbsent(item(collection, "first", "h1"), run, Map.of("B02", new double[]{1, 9})));
        assertFalse(items.insertIfAbsent(item(collection, "second", "h2"), null, null), "the item is there already");

        assertEquals(new ItemStore.StoredState("h1", true), items.state(collection, "a").orElseThrow(),
                "the first write stands, its pixels waiting for the run to count them");
        given().get("/collections/{c}/items/a", collection).then().statusCode(200)
                .body("properties.title", equalTo("first"))
                .body("assets.image.href", org.hamcrest.Matchers.endsWith("/collections/" + collection + "/items/a/assets/image"));
    }

    @Test
    void anItemStoredMeanwhileIsReplacedByUpsert() {
        String collection = "items-" + UUID.randomUUID().toString().substring(0, 8);
        writer.ensureCollection(new NewCollection(collection, null, "d", "CC0-1.0", List.of(), Map.of()));
        assertTrue(items.insertIfAbsent(item(collection, "first", "h1"), null, null));

        ItemStore.Upserted upserted = items.upsert(item(collection, "second", "h2"), UUID.randomUUID(), null);

        assertEquals(List.of(), upserted.replaced(), "both versions name the same object");
        assertEquals(new ItemStore.StoredState("h2", true), items.state(collection, "a").orElseThrow());
        given().get("/collections/{c}/items/a", collection).then().statusCode(200).body("properties.title", equalTo("second"));
    }

    private static NewItem item(String collection, String title, String hash) {
        return new NewItem(collection, "a", null, Instant.parse("2021-01-01T00:00:00Z"), null, null, Map.of("title", title),
                Map.of("image", new StoredAsset(collection + "/a/image.png", "image/png", 10, "0".repeat(64), List.of("data"),
                        null, "a.png")), hash);
    }
}
