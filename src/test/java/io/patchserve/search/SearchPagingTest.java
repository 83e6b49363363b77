package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.catalog.ItemBulkLoader;
import io.patchserve.catalog.NewItem;
import io.patchserve.testing.SearchFixtures.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Keyset paging by GET and POST, with and without sortby; sortby and fields. */
@QuarkusTest
class SearchPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ItemBulkLoader loader;

    String collection;
    List<Fixture> items = SearchTestData.FIXTURES.items();

    @BeforeEach
    void load() {
        collection = SearchTestData.collection();
    }

    private static String relative(String href) {
        return href.replaceFirst("^http://[^/]+", "");
    }

    /**
     * Follows next links to the end, then prev links back from the last page: the pages met on the way back are
     * the pages met on the way there, in reverse (keyset both ways), and the first page has no prev link.
     */
    private List<String> walkGet(String firstUrl) {
        List<List<String>> pages = new ArrayList<>();
        String url = firstUrl;
        JsonPath last = null;
        while (url != null) {
            JsonPath page = given().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().jsonPath();
            pages.add(page.getList("features.id", String.class));
            assertThat(page.getInt("numberReturned")).isEqualTo(page.getList("features").size());
            if (pages.size() == 1 && !firstUrl.contains("token=")) {
                assertThat(page.getString("links.find { it.rel == 'prev' }")).as("the first page has no prev").isNull();
            }
            String next = page.getString("links.find { it.rel == 'next' }.href");
            url = next == null ? null : relative(next);
            last = page;
        }
        if (firstUrl.contains("token=")) {
            return pages.stream().flatMap(List::stream).toList(); // a walk from the middle: nothing to retrace
        }
        List<List<String>> back = new ArrayList<>();
        String prev = last.getString("links.find { it.rel == 'prev' }.href");
        while (prev != null) {
            JsonPath page = given().urlEncodingEnabled(false).get(relative(prev)).then().statusCode(200).extract().jsonPath();
            back.add(page.getList("features.id", String.class));
            assertThat(page.getString("links.find { it.rel == 'next' }.href")).as("a prev page links on").isNotNull();
            prev = page.getString("links.find { it.rel == 'prev' }.href");
        }
        List<List<String>> expectedBack = new ArrayList<>(pages.subList(0, pages.size() - 1));
        java.util.Collections.reverse(expectedBack);
        assertThat(back).isEqualTo(expectedBack);
        return pages.stream().flatMap(List::stream).toList();
    }

    private List<String> walkPost(String firstBody) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        String body = firstBody;
        String prev = null;
        while (body != null) {
            JsonNode page = JSON.readTree(given().contentType(ContentType.JSON).body(body).post("/search")
                    .then().statusCode(200).extract().asString());
            List<String> ids = new ArrayList<>();
            page.path("features").forEach(f -> ids.add(f.path("id").asText()));
            pages.add(ids);
            body = null;
            prev = null;
            for (JsonNode link : page.path("links")) {
                if (link.path("rel").asText().equals("next") || link.path("rel").asText().equals("prev")) {
                    assertThat(link.path("method").asText()).isEqualTo("POST");
                    assertThat(link.path("merge").asBoolean(true)).isFalse();
                }
                if (link.path("rel").asText().equals("next")) {
                    body = link.path("body").toString();
                }
                if (link.path("rel").asText().equals("prev")) {
                    prev = link.path("body").toString();
                }
            }
        }
        List<List<String>> back = new ArrayList<>();
        while (prev != null) {
            JsonNode page = JSON.readTree(given().contentType(ContentType.JSON).body(prev).post("/search")
                    .then().statusCode(200).extract().asString());
            List<String> ids = new ArrayList<>();
            page.path("features").forEach(f -> ids.add(f.path("id").asText()));
            back.add(ids);
            prev = null;
            for (JsonNode link : page.path("links")) {
                if (link.path("rel").asText().equals("prev")) {
                    prev = link.path("body").toString();
                }
            }
        }
        List<List<String>> expectedBack = new ArrayList<>(pages.subList(0, pages.size() - 1));
        java.util.Collections.reverse(expectedBack);
        assertThat(back).isEqualTo(expectedBack);
        return pages.stream().flatMap(List::stream).toList();
    }

    private List<String> newestFirst() {
        return items.stream().sorted(Comparator.comparing(Fixture::datetime).reversed().thenComparing(Fixture::id))
                .map(Fixture::id).toList();
    }

    @Test
    void getPagingVisitsEveryItemOnceInTheDefaultOrder() {
        List<String> seen = walkGet("/search?collections=" + collection + "&limit=17");
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst());
        List<String> viaItems = walkGet("/collections/" + collection + "/items?limit=50");
        assertThat(viaItems).containsExactlyElementsOf(newestFirst());
    }

    @Test
    void postPagingVisitsEveryItemOnce() throws Exception {
        List<String> seen = walkPost("{\"collections\":[\"" + collection + "\"],\"limit\":23}");
        assertThat(seen).containsExactlyElementsOf(newestFirst());
    }

    @Test
    void pagingWithSortbyOnANullableNumber() throws Exception {
        Comparator<Fixture> byCloud = Comparator.comparing(Fixture::cloudCover, Comparator.nullsLast(Comparator.<Double>naturalOrder()));
        List<String> ascending = items.stream().sorted(byCloud.thenComparing(Fixture::id)).map(Fixture::id).toList();
        assertThat(walkGet("/search?collections=" + collection + "&limit=19&sortby=%2Beo:cloud_cover")).containsExactlyElementsOf(ascending);
        List<String> descending = items.stream()
                .sorted(Comparator.comparing(Fixture::cloudCover, Comparator.nullsLast(Comparator.<Double>reverseOrder())).thenComparing(Fixture::id))
                .map(Fixture::id).toList();
        assertThat(walkPost("{\"collections\":[\"" + collection + "\"],\"limit\":31,\"sortby\":[{\"field\":\"properties.eo:cloud_cover\",\"direction\":\"desc\"}]}"))
                .containsExactlyElementsOf(descending);
    }

    @Test
    void pagingWithSortbyOnSeveralFields() {
        List<String> expected = items.stream().sorted(Comparator.comparing(Fixture::split).reversed()
                .thenComparing(Fixture::datetime).thenComparing(Fixture::id)).map(Fixture::id).toList();
        assertThat(walkGet("/search?collections=" + collection + "&limit=40&sortby=-split,%2Bdatetime")).containsExactlyElementsOf(expected);
        assertThat(walkGet("/search?collections=" + collection + "&limit=40&sortby=-split,datetime")).containsExactlyElementsOf(expected);
        List<String> byId = items.stream().map(Fixture::id).sorted(Comparator.reverseOrder()).toList();
        assertThat(walkGet("/search?collections=" + collection + "&limit=100&sortby=-id")).containsExactlyElementsOf(byId);
    }

    @Test
    void pagingStaysExactWhileItemsAreInserted() {
        String extra = "insert-" + System.nanoTime();
        String url = "/search?collections=" + extra + "&limit=10";
        List<NewItem> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(item(extra, "a-" + i, Instant.parse("2021-06-01T00:00:00Z").plusSeconds(i * 60L)));
        }
        io.quarkus.arc.Arc.container().instance(io.patchserve.catalog.CatalogWriter.class).get()
                .ensureCollection(new io.patchserve.catalog.NewCollection(extra, null, "d", "CC0-1.0", List.of(), Map.of()));
        loader.load(first);

        JsonPath page1 = given().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().jsonPath();
        List<String> seen = new ArrayList<>(page1.getList("features.id", String.class));
        // newer items (sorting before the cursor) and older ones (after it) arrive between two pages
        loader.load(List.of(item(extra, "newest", Instant.parse("2030-01-01T00:00:00Z")),
                item(extra, "oldest", Instant.parse("2000-01-01T00:00:00Z"))));
        String next = relative(page1.getString("links.find { it.rel == 'next' }.href"));
        seen.addAll(walkGet(next));

        assertThat(seen).doesNotHaveDuplicates().doesNotContain("newest").endsWith("oldest");
        assertThat(seen).containsAll(first.stream().map(NewItem::id).toList());
    }

    private static NewItem item(String collection, String id, Instant datetime) {
        return new NewItem(collection, id, null, datetime, null, null, Map.of("split", "train"), Map.of(), "h-" + id);
    }

    @Test
    void nextLinksAreAbsentOnTheLastPageAndNumbersAreRight() {
        given().queryParam("collections", collection).queryParam("limit", 1000).get("/search").then().statusCode(200)
                .body("numberReturned", equalTo(items.size()))
                .body("numberMatched", equalTo(items.size()))
                .body("links.find { it.rel == 'next' }", nullValue());
        long train = items.stream().filter(f -> f.split().equals("train")).count();
        given().queryParam("collections", collection).queryParam("filter", "split = 'train'").queryParam("limit", 5)
                .get("/search").then().statusCode(200)
                .body("numberMatched", equalTo((int) train))
                .body("numberReturned", equalTo(5));
    }

    /** A page's self link is that page: page 2's keeps its token (it used to point at page 1). */
    @Test
    void theSelfLinkOfALaterPageKeepsItsToken() {
        for (String route : new String[]{"/search?collections=" + collection + "&limit=2",
                "/collections/" + collection + "/items?limit=2"}) {
            String next = given().urlEncodingEnabled(false).get(route).then().statusCode(200).extract().jsonPath()
                    .getString("links.find { it.rel == 'next' }.href");
            String token = next.replaceFirst(".*token=", "");
            JsonPath page2 = given().urlEncodingEnabled(false).get(next.replaceFirst("^https?://[^/]+", "")).then()
                    .statusCode(200).extract().jsonPath();
            String self = page2.getString("links.find { it.rel == 'self' }.href");
            assertThat(self).contains("token=" + token).contains("limit=2");
            JsonPath again = given().urlEncodingEnabled(false).get(self.replaceFirst("^https?://[^/]+", "")).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(again.getList("features.id")).isEqualTo(page2.getList("features.id"));
        }
    }

    @Test
    void badSortbyAndTokensAre400() {
        given().queryParam("sortby", "-nope").get("/search").then().statusCode(400)
                .body("description", containsString("'nope' is not a queryable here"));
        given().queryParam("collections", collection).queryParam("sortby", "labels").get("/search").then().statusCode(400)
                .body("description", containsString("cannot be sorted"));
        given().queryParam("sortby", ",").get("/search").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"sortby\":[{\"field\":\"id\",\"direction\":\"up\"}]}").post("/search")
                .then().statusCode(400).body("description", containsString("sortby"));
        given().queryParam("token", "garbage").get("/search").then().statusCode(400)
                .body("description", containsString("is not a paging token"));
        String token = given().queryParam("collections", collection).queryParam("limit", 2).get("/search").then()
                .extract().jsonPath().getString("links.find { it.rel == 'next' }.href").replaceFirst(".*token=", "");
        given().queryParam("collections", collection).queryParam("sortby", "id").queryParam("token", token).get("/search")
                .then().statusCode(400).body("description", containsString("different sortby"));
    }

    @Test
    void fieldsIncludeAndExclude() {
        JsonPath included = given().queryParam("collections", collection).queryParam("limit", 3)
                .queryParam("fields", "properties.split,-links").get("/search").then().statusCode(200).extract().jsonPath();
        // an include list is exactly what comes back (STAC API Fields: include/exclude semantics, rule 2)
        assertThat(included.getMap("features[0].properties")).containsOnlyKeys("split");
        assertThat(included.getMap("features[0]")).containsOnlyKeys("properties");
        JsonPath excluded = given().contentType(ContentType.JSON)
                .body("{\"collections\":[\"" + collection + "\"],\"limit\":3,\"fields\":{\"exclude\":[\"properties.labels\",\"geometry\"]}}")
                .post("/search").then().statusCode(200).extract().jsonPath();
        assertThat(excluded.getMap("features[0].properties")).doesNotContainKey("labels").containsKey("split");
        assertThat(excluded.getMap("features[0]")).doesNotContainKey("geometry").containsKey("bbox");
    }
}
