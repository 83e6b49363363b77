package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.catalog.CatalogWriter;
import io.patchserve.catalog.ItemBulkLoader;
import io.patchserve.catalog.NewCollection;
import io.patchserve.catalog.NewItem;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.catalog.StoredItemJson;
import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.patchserve.testing.StacSchemas;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search pages send each item's stored JSON, and what they send is what the item renders to from its columns
 * (GET of the item itself): after ingest, after a bulk load, and never once the stored JSON is stale.
 */
@QuarkusTest
class StoredItemJsonSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestService ingest;
    @Inject
    ItemBulkLoader bulk;
    @Inject
    CatalogWriter catalog;
    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path temp;

    @Test
    void ingestedItemsAreSentAsStoredAndEqualTheirOwnRendering() throws Exception {
        String collection = "stored-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 5, 16);
        assertThat(storedCurrent(collection)).isEqualTo(5);

        JsonNode page = search(collection);
        assertThat(page.path("features")).hasSize(5);
        for (JsonNode feature : page.path("features")) {
            assertThat(feature.path("assets").path("image").path("href").asText()).startsWith("http://localhost:");
            // stored JSON is the service's own rendering: equal to the byte, not only in value
            assertThat(feature).isEqualTo(item(collection, feature.path("id").asText()));
        }
        StacSchemas.assertValidItemCollection(page.toString());
    }

    @Test
    void anUpdateOutsideTheWritersDropsTheStoredJsonAndTheItemIsRenderedFromItsColumns() throws Exception {
        String collection = bulkLoaded(4);
        assertThat(storedCurrent(collection)).isEqualTo(4);
        sql("UPDATE item SET properties = properties || '{\"operator:note\": \"relabelled\"}' WHERE collection_id = ? AND id = 'b1'", collection);
        assertThat(storedCurrent(collection)).isEqualTo(3);

        JsonNode page = search(collection);
        JsonNode edited = feature(page, "b1");
        assertThat(edited.path("properties").path("operator:note").asText()).isEqualTo("relabelled");
        for (JsonNode feature : page.path("features")) {
            assertSameItem(feature, item(collection, feature.path("id").asText()));
        }
    }

    @Test
    void storedJsonOfAnotherRendererVersionIsNotSentAndALoadRewritesIt() throws Exception {
        String collection = bulkLoaded(3);
        sql("UPDATE item SET stac_json = '{\"not\": \"this\"', stac_json_version = " + (StoredItemJson.VERSION + 1)
                + " WHERE collection_id = ? AND id = 'b2'", collection);
        assertThat(storedCurrent(collection)).isEqualTo(2);

        JsonNode page = search(collection);
        assertSameItem(feature(page, "b2"), item(collection, "b2"));
        StacSchemas.assertValidItemCollection(page.toString());

        // loading the same release again leaves the content alone but writes the stored JSON anew
        assertThat(bulk.load(items(collection, 3, "v1", true)).unchanged()).isEqualTo(2);
        assertThat(storedCurrent(collection)).isEqualTo(3);
        assertSameItem(search(collection).path("features"), page.path("features"));
    }

    @Test
    void aBulkUpdateThatKeepsOtherAssetsDropsTheStoredJson() throws Exception {
        String collection = bulkLoaded(2);
        // new properties, no assets: the items keep the assets they have, which the new JSON would not show
        bulk.load(items(collection, 2, "v2", false));
        assertThat(storedCurrent(collection)).isZero();
        JsonNode page = search(collection);
        for (JsonNode feature : page.path("features")) {
            assertThat(feature.path("properties").path("version").asText()).isEqualTo("v2");
            assertThat(feature.path("assets").path("data").path("href").asText()).endsWith("/assets/data");
            assertSameItem(feature, item(collection, feature.path("id").asText()));
        }
    }

    /**
     * Equal as JSON values: numbers by value, since PostgreSQL writes a footprint's 2.0 as 2 where the service
     * writes 2.0 (GET of one item, and the stored JSON).
     */
    private static void assertSameItem(JsonNode actual, JsonNode expected) {
        java.util.Comparator<JsonNode> byValue = (a, b) -> a.isNumber() && b.isNumber()
                ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;
        assertThat(actual.equals(byValue, expected)).as("%s%nequals%n%s", actual, expected).isTrue();
    }

    private String bulkLoaded(int count) {
        String collection = "stored-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.ensureCollection(new NewCollection(collection, null, "d", "CC0-1.0", List.of(), Map.of()));
        assertThat(bulk.load(items(collection, count, "v1", true)).inserted()).isEqualTo(count);
        return collection;
    }

    private static List<NewItem> items(String collection, int count, String version, boolean withAssets) {
        List<NewItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, StoredAsset> assets = withAssets
                    ? Map.of("data", new StoredAsset("obj/" + i, "application/x-hdf5", 100 + i, "0f".repeat(32), List.of("data"), null, "b.h5"))
                    : Map.of();
            items.add(new NewItem(collection, "b" + i, io.patchserve.stac.GeoJson.WGS84.createPoint(new Coordinate(i, i / 2.0)),
                    Instant.parse("2022-03-04T05:06:07Z").plusSeconds(i), null, null,
                    Map.of("version", version, "labels", List.of("Pastures")), assets, version + "-" + i));
        }
        return items;
    }

    private static JsonNode search(String collection) throws Exception {
        return JSON.readTree(given().queryParam("collections", collection).queryParam("limit", 50).get("/search")
                .then().statusCode(200).extract().asString());
    }

    /** The item as GET of the item itself renders it, from its columns. */
    private static JsonNode item(String collection, String id) throws Exception {
        return JSON.readTree(given().get("/collections/{c}/items/{i}", collection, id).then().statusCode(200).extract().asString());
    }

    private static JsonNode feature(JsonNode page, String id) {
        for (JsonNode feature : page.path("features")) {
            if (feature.path("id").asText().equals(id)) {
                return feature;
            }
        }
        throw new AssertionError("no feature " + id + " in " + page);
    }

    private long storedCurrent(String collection) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM item WHERE collection_id = ? AND stac_json IS NOT NULL AND stac_json_version = ?")) {
            s.setString(1, collection);
            s.setShort(2, StoredItemJson.VERSION);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void sql(String statement, String collection) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, collection);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
