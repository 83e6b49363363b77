package io.patchserve.catalog;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.patchserve.testing.StacSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class StacResponsesTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    String collection;

    @BeforeEach
    void ingestSomePatches() {
        collection = "stac-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 7, 16);
    }

    @Test
    void landingPageIsAValidCatalogLinkingEveryCollection() {
        String body = given().get("/").then().statusCode(200).contentType("application/json")
                .body("conformsTo", hasItem("https://api.stacspec.org/v1.0.0/core"))
                .extract().asString();
        StacSchemas.assertValidCatalog(body);
        List<String> children = JsonPath.from(body).getList("links.findAll { it.rel == 'child' }.href");
        assertThat(children).anyMatch(href -> href.endsWith("/collections/" + collection));
        given().get("/conformance").then().statusCode(200).body("conformsTo", hasItem("https://api.stacspec.org/v1.0.0/collections"));
    }

    @Test
    void collectionsAreValidStac() {
        StacSchemas.assertValidCollection(given().get("/collections/{c}", collection).then().statusCode(200)
                .body("id", equalTo(collection))
                .body("item_assets.image.type", equalTo("image/png"))
                .extract().asString());
        com.fasterxml.jackson.databind.JsonNode all = readTree(given().get("/collections").then().statusCode(200).extract().asString());
        assertThat(all.path("collections").size()).isPositive();
        for (com.fasterxml.jackson.databind.JsonNode c : all.path("collections")) {
            StacSchemas.assertValidCollection(c.toString());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void itemsAndItemCollectionsAreValidStacWithGeoJsonType() {
        String page = given().get("/collections/{c}/items", collection).then().statusCode(200)
                .contentType("application/geo+json")
                .body("numberReturned", equalTo(7))
                .body("numberMatched", equalTo(7))
                .extract().asString();
        StacSchemas.assertValidItemCollection(page);
        String id = JsonPath.from(page).getString("features[0].id");
        StacSchemas.assertValidItem(given().get("/collections/{c}/items/{i}", collection, id).then().statusCode(200)
                .contentType("application/geo+json").extract().asString());
    }

    @Test
    void pagingVisitsEveryItemOnceFollowingNextLinks() {
        List<String> seen = new ArrayList<>();
        String url = "/collections/" + collection + "/items?limit=3";
        int pages = 0;
        while (url != null) {
            JsonPath page = given().get(url).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("features.id"));
            String next = page.getString("links.find { it.rel == 'next' }.href");
            url = next == null ? null : next.replaceFirst("^http://[^/]+", "");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        // default order: newest first (the fixtures' sensing days increase with their index)
        assertThat(seen).containsExactly(java.util.stream.IntStream.iterate(6, i -> i >= 0, i -> i - 1)
                .mapToObj(SmcefrFixtures::productName).toArray(String[]::new));
    }

    @Test
    void linksAreAbsolute() {
        JsonPath item = given().get("/collections/{c}/items/{i}", collection, SmcefrFixtures.productName(0))
                .then().statusCode(200).extract().jsonPath();
        assertThat(item.getList("links.href", String.class)).allMatch(href -> href.startsWith("http://localhost:"));
        assertThat(item.getString("links.find { it.rel == 'self' }.href"))
                .endsWith("/collections/" + collection + "/items/" + SmcefrFixtures.productName(0));
    }
}
