package io.patchserve.search;

import io.patchserve.testing.SearchFixtures.Fixture;
import io.patchserve.testing.StacSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** bbox, intersects, datetime, ids, collections and limit: valid and invalid forms, by GET and POST. */
@QuarkusTest
class SearchParametersTest {

    String collection;
    List<Fixture> items = SearchTestData.FIXTURES.items();

    @BeforeEach
    void load() {
        collection = SearchTestData.collection();
    }

    private List<String> expected(Predicate<Fixture> predicate) {
        return SearchTestData.idsWhere(predicate);
    }

    private List<String> getIds(Map<String, ?> params) {
        JsonPath body = given().queryParams(params).queryParam("collections", collection).queryParam("limit", 1000)
                .get("/search").then().statusCode(200).contentType("application/geo+json").extract().jsonPath();
        return body.getList("features.id", String.class).stream().sorted().toList();
    }

    private List<String> postIds(String bodyJson) {
        String body = bodyJson.replaceFirst("\\{", "{\"collections\":[\"" + collection + "\"],\"limit\":1000,");
        return given().contentType(ContentType.JSON).body(body).post("/search").then().statusCode(200)
                .extract().jsonPath().getList("features.id", String.class).stream().sorted().toList();
    }

    private static RequestSpecification get() {
        return given();
    }

    @Test
    void bboxWithFourOrSixNumbers() {
        List<String> expected = expected(f -> f.intersectsBox(-20, -10, 40, 50));
        assertThat(expected).isNotEmpty();
        assertThat(getIds(Map.of("bbox", "-20,-10,40,50"))).isEqualTo(expected);
        assertThat(getIds(Map.of("bbox", "-20,-10,0,40,50,100"))).isEqualTo(expected);
        assertThat(postIds("{\"bbox\":[-20,-10,40,50]}")).isEqualTo(expected);
    }

    @Test
    void bboxAcrossTheAntimeridian() {
        List<String> expected = expected(f -> f.intersectsBox(170, -5, 180, 5) || f.intersectsBox(-180, -5, -170, 5));
        assertThat(expected).contains("east-of-dateline", "west-of-dateline");
        assertThat(getIds(Map.of("bbox", "170,-5,-170,5"))).isEqualTo(expected);
    }

    @Test
    void bboxCollapsedToAPointOrALine() {
        assertThat(getIds(Map.of("bbox", "10,45,10,45"))).contains("a-point");
        assertThat(getIds(Map.of("bbox", "9,45,11,45"))).contains("a-point");
        assertThat(getIds(Map.of("bbox", "10,44,10,46"))).contains("a-point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,2,3", "a,b,c,d", "1,2,3,4,5", "0,10,10,5", "0,-91,10,10", "-181,0,10,10", "1,2,,4"})
    void malformedBboxIs400(String bbox) {
        given().queryParam("bbox", bbox).get("/search").then().statusCode(400)
                .contentType("application/json").body("code", equalTo("InvalidParameterValue"))
                .body("description", containsString("bbox"));
    }

    @Test
    void intersectsTakesAnyGeometryIncludingCollections() {
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[-20,-10],[40,-10],[40,50],[-20,50],[-20,-10]]]}";
        List<String> expected = expected(f -> f.intersectsBox(-20, -10, 40, 50));
        assertThat(postIds("{\"intersects\":" + polygon + "}")).isEqualTo(expected);
        assertThat(getIds(Map.of("intersects", polygon))).isEqualTo(expected);
        String collectionOfTwo = "{\"type\":\"GeometryCollection\",\"geometries\":[" + polygon
                + ",{\"type\":\"Point\",\"coordinates\":[179.5,0.5]}]}";
        assertThat(postIds("{\"intersects\":" + collectionOfTwo + "}")).containsAll(expected).contains("east-of-dateline");
    }

    @Test
    void pagesOfAnIntersectsSearchHoldExactlyTheIntersectingItemsInOrder() throws Exception {
        // a triangle whose bounding box covers every fixture: only the exact test tells the halves apart, and
        // later pages take the path that tests candidates in order only until a page is full
        String triangle = "{\"type\":\"Polygon\",\"coordinates\":[[[-170,-60],[170,-60],[-170,70],[-170,-60]]]}";
        org.locationtech.jts.geom.GeometryFactory jts = new org.locationtech.jts.geom.GeometryFactory();
        org.locationtech.jts.geom.Geometry area = new org.locationtech.jts.io.WKTReader(jts)
                .read("POLYGON ((-170 -60, 170 -60, -170 70, -170 -60))");
        List<Fixture> expected = SearchTestData.FIXTURES.items().stream()
                .filter(f -> area.intersects(f.size() == 0
                        ? jts.createPoint(new org.locationtech.jts.geom.Coordinate(f.lon(), f.lat()))
                        : jts.toGeometry(new org.locationtech.jts.geom.Envelope(f.lon() - f.size(), f.lon() + f.size(),
                        f.lat() - f.size(), f.lat() + f.size()))))
                .sorted(java.util.Comparator.comparing(Fixture::datetime).reversed().thenComparing(Fixture::id))
                .toList();
        assertThat(expected.size()).isBetween(40, SearchTestData.FIXTURES.items().size() - 40);

        List<String> seen = new java.util.ArrayList<>();
        String body = "{\"collections\":[\"" + collection + "\"],\"limit\":7,\"intersects\":" + triangle + "}";
        while (body != null) {
            JsonPath page = given().contentType(ContentType.JSON).body(body).post("/search").then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("features.id", String.class));
            Map<String, Object> next = page.getMap("links.find { it.rel == 'next' }");
            body = next == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(next.get("body"));
        }
        assertThat(seen).containsExactlyElementsOf(expected.stream().map(Fixture::id).toList());
    }

    @Test
    void intersectsWithBboxOrBrokenGeometryIs400() {
        given().contentType(ContentType.JSON).body("{\"bbox\":[0,0,1,1],\"intersects\":{\"type\":\"Point\",\"coordinates\":[0,0]}}")
                .post("/search").then().statusCode(400).body("description", equalTo("bbox and intersects cannot be used together"));
        given().contentType(ContentType.JSON).body("{\"intersects\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}}")
                .post("/search").then().statusCode(400).body("description", containsString("must end at its first position"));
        given().contentType(ContentType.JSON).body("{\"intersects\":{\"type\":\"Circle\",\"coordinates\":[0,0]}}")
                .post("/search").then().statusCode(400).body("description", containsString("'Circle' is not a GeoJSON geometry type"));
        given().queryParam("intersects", "{not json").get("/search").then().statusCode(400)
                .body("description", equalTo("intersects is not valid JSON"));
    }

    @Test
    void datetimeInstantsAndIntervalsWithOpenEnds() {
        Instant from = Instant.parse("2021-01-01T00:00:00Z");
        Instant to = Instant.parse("2022-01-01T00:00:00Z");
        List<String> between = expected(f -> !f.datetime().isBefore(from) && !f.datetime().isAfter(to));
        List<String> after = expected(f -> !f.datetime().isBefore(from));
        List<String> before = expected(f -> !f.datetime().isAfter(to));
        assertThat(between).isNotEmpty();
        assertThat(getIds(Map.of("datetime", "2021-01-01T00:00:00Z/2022-01-01T00:00:00Z"))).isEqualTo(between);
        assertThat(getIds(Map.of("datetime", "2021-01-01t00:00:00z/2022-01-01T00:00:00.000000000Z"))).isEqualTo(between);
        assertThat(getIds(Map.of("datetime", "2021-01-01T01:00:00+01:00/2022-01-01T00:00:00.0Z"))).isEqualTo(between);
        assertThat(getIds(Map.of("datetime", "2021-01-01T00:00:00Z/.."))).isEqualTo(after);
        assertThat(getIds(Map.of("datetime", "2021-01-01T00:00:00Z/"))).isEqualTo(after);
        assertThat(getIds(Map.of("datetime", "../2022-01-01T00:00:00Z"))).isEqualTo(before);
        assertThat(getIds(Map.of("datetime", "/2022-01-01T00:00:00Z"))).isEqualTo(before);
        assertThat(postIds("{\"datetime\":\"2021-01-01T00:00:00Z/2022-01-01T00:00:00Z\"}")).isEqualTo(between);
        Fixture one = items.get(7);
        assertThat(getIds(Map.of("datetime", one.datetime().toString()))).contains(one.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "../..", "2021-01-01", "2021-01-01T00:00:00", "2021-01-01T00:00:00+0100",
            "2022-01-01T00:00:00Z/2021-01-01T00:00:00Z", "2021-13-01T00:00:00Z", "2021-01-01T00:00:00.1234567890Z",
            "yesterday", "2021-01-01T00:00:00Z/2021-02-01T00:00:00Z/2021-03-01T00:00:00Z"})
    void malformedDatetimeIs400(String datetime) {
        given().queryParam("datetime", datetime).get("/search").then().statusCode(400)
                .contentType("application/json").body("description", containsString("datetime"));
    }

    @Test
    void idsAndCollections() {
        assertThat(getIds(Map.of("ids", "patch-0001,patch-0003,nope"))).containsExactly("patch-0001", "patch-0003");
        assertThat(postIds("{\"ids\":[\"patch-0002\"]}")).containsExactly("patch-0002");
        given().queryParam("collections", "no-such-collection").get("/search").then().statusCode(404)
                .body("description", equalTo("collection 'no-such-collection' does not exist"));
    }

    @Test
    void limitDefaultsCapsAndRejects() {
        given().queryParam("collections", collection).get("/search").then().statusCode(200)
                .body("numberReturned", equalTo(10))
                .body("numberMatched", equalTo(items.size()));
        given().queryParam("collections", collection).queryParam("limit", 1_000_000).get("/search").then().statusCode(200)
                .body("numberReturned", equalTo(items.size()));
        given().queryParam("limit", 0).get("/search").then().statusCode(400);
        given().queryParam("limit", -1).get("/search").then().statusCode(400);
        given().queryParam("limit", "many").get("/search").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"limit\":\"x\"}").post("/search").then().statusCode(400);
    }

    @Test
    void badBodiesAre400() {
        given().contentType(ContentType.JSON).body("{\"bbox\":").post("/search").then().statusCode(400)
                .body("code", equalTo("InvalidRequestBody"));
        given().contentType(ContentType.JSON).body("[1,2]").post("/search").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"collections\":\"x\"}").post("/search").then().statusCode(400)
                .body("description", equalTo("collections must be an array of strings"));
        given().contentType(ContentType.JSON).body("{\"query\":{\"eo:cloud_cover\":{\"lt\":10}}}").post("/search").then().statusCode(400)
                .body("description", containsString("use 'filter'"));
        given().contentType(ContentType.JSON).body("{\"colections\":[\"a\"]}").post("/search").then().statusCode(400)
                .body("description", containsString("unknown search parameter 'colections'"));
    }

    @Test
    void searchResponsesAreValidItemCollections() {
        String body = given().queryParam("collections", collection).queryParam("limit", 50).get("/search")
                .then().statusCode(200).extract().asString();
        StacSchemas.assertValidItemCollection(body);
        String items = given().queryParam("limit", 50).queryParam("bbox", "-180,-90,180,90")
                .get("/collections/{c}/items", collection).then().statusCode(200).extract().asString();
        StacSchemas.assertValidItemCollection(items);
    }
}
