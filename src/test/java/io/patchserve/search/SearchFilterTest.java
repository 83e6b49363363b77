package io.patchserve.search;

import io.patchserve.testing.SearchFixtures.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** CQL2 filters in both encodings, checked against the same predicates evaluated in Java on the fixtures. */
@QuarkusTest
class SearchFilterTest {

    String collection;
    List<Fixture> items = SearchTestData.FIXTURES.items();

    @BeforeEach
    void load() {
        collection = SearchTestData.collection();
    }

    private List<String> expected(Predicate<Fixture> predicate) {
        List<String> ids = SearchTestData.idsWhere(predicate);
        assertThat(ids).as("a useful test matches something").isNotEmpty();
        return ids;
    }

    private List<String> text(String filter) {
        return given().queryParam("collections", collection).queryParam("limit", 1000).queryParam("filter", filter)
                .get("/search").then().statusCode(200).extract().jsonPath().getList("features.id", String.class)
                .stream().sorted().toList();
    }

    private List<String> json(String filter) {
        return given().contentType(ContentType.JSON)
                .body("{\"collections\":[\"" + collection + "\"],\"limit\":1000,\"filter-lang\":\"cql2-json\",\"filter\":" + filter + "}")
                .post("/search").then().statusCode(200).extract().jsonPath().getList("features.id", String.class)
                .stream().sorted().toList();
    }

    @Test
    void comparisonsOnStringsAndNumbers() {
        List<String> train = expected(f -> f.split().equals("train"));
        assertThat(text("split = 'train'")).isEqualTo(train);
        assertThat(json("{\"op\":\"=\",\"args\":[{\"property\":\"split\"},\"train\"]}")).isEqualTo(train);
        assertThat(text("split <> 'train'")).isEqualTo(expected(f -> !f.split().equals("train")));
        List<String> clear = expected(f -> f.cloudCover() != null && f.cloudCover() < 20);
        assertThat(text("eo:cloud_cover < 20")).isEqualTo(clear);
        assertThat(text("\"eo:cloud_cover\" < 20")).isEqualTo(clear);
        assertThat(text("properties.eo:cloud_cover < 20")).isEqualTo(clear);
        assertThat(json("{\"op\":\"<\",\"args\":[{\"property\":\"eo:cloud_cover\"},20]}")).isEqualTo(clear);
        assertThat(text("20 > eo:cloud_cover")).isEqualTo(clear);
        assertThat(text("eo:cloud_cover >= 50.5")).isEqualTo(expected(f -> f.cloudCover() != null && f.cloudCover() >= 50.5));
    }

    @Test
    void booleanLogic() {
        assertThat(text("split = 'val' AND eo:cloud_cover <= 30")).isEqualTo(
                expected(f -> f.split().equals("val") && f.cloudCover() != null && f.cloudCover() <= 30));
        assertThat(text("split = 'val' OR platform = 'sentinel-2a'")).isEqualTo(
                expected(f -> f.split().equals("val") || f.platform().equals("sentinel-2a")));
        assertThat(text("NOT (split = 'val') and (platform = 'sentinel-2b' or eo:cloud_cover > 90)")).isEqualTo(
                expected(f -> !f.split().equals("val") && (f.platform().equals("sentinel-2b") || (f.cloudCover() != null && f.cloudCover() > 90))));
        assertThat(json("{\"op\":\"and\",\"args\":[{\"op\":\"not\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"split\"},\"val\"]}]},"
                + "{\"op\":\"=\",\"args\":[{\"property\":\"platform\"},\"sentinel-2b\"]}]}")).isEqualTo(
                expected(f -> !f.split().equals("val") && f.platform().equals("sentinel-2b")));
    }

    /** split=… is the split queryable as a plain parameter (OGC API Features Part 1), ANDed with any filter. */
    @Test
    void theSplitParameterFilters() {
        List<String> val = expected(f -> f.split().equals("val"));
        assertThat(given().queryParam("collections", collection).queryParam("limit", 1000).queryParam("split", "val")
                .get("/search").then().statusCode(200).extract().jsonPath().getList("features.id", String.class)
                .stream().sorted().toList()).isEqualTo(val);
        assertThat(given().queryParam("limit", 1000).queryParam("split", "val,test")
                .get("/collections/{c}/items", collection).then().statusCode(200).extract().jsonPath()
                .getList("features.id", String.class).stream().sorted().toList())
                .isEqualTo(expected(f -> f.split().equals("val") || f.split().equals("test")));
        assertThat(given().queryParam("collections", collection).queryParam("limit", 1000).queryParam("split", "val")
                .queryParam("filter", "platform = 'sentinel-2a'").get("/search").then().statusCode(200).extract().jsonPath()
                .getList("features.id", String.class).stream().sorted().toList())
                .isEqualTo(expected(f -> f.split().equals("val") && f.platform().equals("sentinel-2a")));
        given().queryParam("collections", collection).queryParam("split", "training").get("/search").then().statusCode(400);
    }

    /** STAC Browser wraps even one condition in and/or; the old CQL names (GDAL's) are the CQL2 languages. */
    @Test
    void oneArgumentAndOrAndTheOldLanguageNamesAreAccepted() {
        List<String> val = expected(f -> f.split().equals("val"));
        String condition = "{\"op\":\"=\",\"args\":[{\"property\":\"split\"},\"val\"]}";
        assertThat(json("{\"op\":\"and\",\"args\":[" + condition + "]}")).isEqualTo(val);
        assertThat(json("{\"op\":\"or\",\"args\":[" + condition + "]}")).isEqualTo(val);
        given().contentType(ContentType.JSON).body("{\"filter\":{\"op\":\"and\",\"args\":[]}}").post("/search")
                .then().statusCode(400).body("description", containsString("'and' needs at least 1 argument"));
        assertThat(given().queryParam("collections", collection).queryParam("limit", 1000).queryParam("filter", "split = 'val'")
                .queryParam("filter-lang", "cql-text").get("/search").then().statusCode(200).extract().jsonPath()
                .getList("features.id", String.class).stream().sorted().toList()).isEqualTo(val);
        assertThat(given().queryParam("collections", collection).queryParam("limit", 1000).queryParam("filter", condition)
                .queryParam("filter-lang", "cql-json").get("/search").then().statusCode(200).extract().jsonPath()
                .getList("features.id", String.class).stream().sorted().toList()).isEqualTo(val);
    }

    @Test
    void inBetweenLikeAndIsNull() {
        assertThat(text("split IN ('val', 'test')")).isEqualTo(expected(f -> Set.of("val", "test").contains(f.split())));
        assertThat(text("split NOT IN ('val', 'test')")).isEqualTo(expected(f -> f.split().equals("train")));
        assertThat(json("{\"op\":\"in\",\"args\":[{\"property\":\"id\"},[\"patch-0001\",\"patch-0002\"]]}")).containsExactly("patch-0001", "patch-0002");
        assertThat(text("eo:cloud_cover BETWEEN 10 AND 20")).isEqualTo(
                expected(f -> f.cloudCover() != null && f.cloudCover() >= 10 && f.cloudCover() <= 20));
        assertThat(json("{\"op\":\"between\",\"args\":[{\"property\":\"eo:cloud_cover\"},10,20]}")).isEqualTo(
                expected(f -> f.cloudCover() != null && f.cloudCover() >= 10 && f.cloudCover() <= 20));
        assertThat(text("id LIKE 'patch-001%'")).isEqualTo(expected(f -> f.id().startsWith("patch-001")));
        assertThat(text("platform LIKE '%2_'")).isEqualTo(expected(f -> f.platform().matches(".*2.")));
        assertThat(text("eo:cloud_cover IS NULL")).isEqualTo(expected(f -> f.cloudCover() == null));
        assertThat(text("eo:cloud_cover IS NOT NULL")).isEqualTo(expected(f -> f.cloudCover() != null));
        assertThat(json("{\"op\":\"isNull\",\"args\":[{\"property\":\"eo:cloud_cover\"}]}")).isEqualTo(expected(f -> f.cloudCover() == null));
    }

    @Test
    void spatialIntersects() {
        List<String> inBox = expected(f -> f.intersectsBox(0, 0, 60, 60));
        assertThat(text("S_INTERSECTS(geometry, POLYGON((0 0, 60 0, 60 60, 0 60, 0 0)))")).isEqualTo(inBox);
        assertThat(text("s_intersects(geometry, BBOX(0, 0, 60, 60))")).isEqualTo(inBox);
        assertThat(json("{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[60,0],[60,60],[0,60],[0,0]]]}]}"))
                .isEqualTo(inBox);
        assertThat(text("S_INTERSECTS(geometry, POINT(10 45))")).contains("a-point");
        assertThat(text("S_DISJOINT(geometry, BBOX(0, 0, 60, 60))")).isEqualTo(expected(f -> !f.intersectsBox(0, 0, 60, 60)));
    }

    @Test
    void temporalFunctions() {
        Instant mid = Instant.parse("2022-01-01T00:00:00Z");
        assertThat(text("T_BEFORE(datetime, TIMESTAMP('2022-01-01T00:00:00Z'))")).isEqualTo(expected(f -> f.datetime().isBefore(mid)));
        assertThat(text("T_AFTER(datetime, TIMESTAMP('2022-01-01T00:00:00Z'))")).isEqualTo(expected(f -> f.datetime().isAfter(mid)));
        Instant from = Instant.parse("2021-03-01T00:00:00Z");
        Instant to = Instant.parse("2021-09-01T00:00:00Z");
        List<String> inside = expected(f -> !f.datetime().isBefore(from) && !f.datetime().isAfter(to));
        assertThat(text("T_INTERSECTS(datetime, INTERVAL('2021-03-01T00:00:00Z', '2021-09-01T00:00:00Z'))")).isEqualTo(inside);
        assertThat(json("{\"op\":\"t_intersects\",\"args\":[{\"property\":\"datetime\"},{\"interval\":[\"2021-03-01T00:00:00Z\",\"2021-09-01T00:00:00Z\"]}]}"))
                .isEqualTo(inside);
        assertThat(text("T_INTERSECTS(datetime, INTERVAL('2021-03-01T00:00:00Z', '..'))")).isEqualTo(expected(f -> !f.datetime().isBefore(from)));
        assertThat(text("T_DURING(datetime, INTERVAL('2021-03-01', '2021-08-31'))")).isEqualTo(
                expected(f -> f.datetime().isAfter(from) && f.datetime().isBefore(to)));
        assertThat(text("datetime >= TIMESTAMP('2022-01-01T00:00:00Z')")).isEqualTo(expected(f -> !f.datetime().isBefore(mid)));
    }

    @Test
    void arrayFunctionsOnLabels() {
        assertThat(text("A_CONTAINS(labels, ('Forests', 'Pastures'))")).isEqualTo(
                expected(f -> f.labels().containsAll(List.of("Forests", "Pastures"))));
        assertThat(text("A_OVERLAPS(labels, ('Forests', 'Pastures'))")).isEqualTo(
                expected(f -> f.labels().contains("Forests") || f.labels().contains("Pastures")));
        assertThat(json("{\"op\":\"a_overlaps\",\"args\":[{\"property\":\"labels\"},[\"Water bodies\"]]}")).isEqualTo(
                expected(f -> f.labels().contains("Water bodies")));
        assertThat(text("A_CONTAINEDBY(labels, ('Forests', 'Pastures', 'Arable land'))")).isEqualTo(
                expected(f -> Set.of("Forests", "Pastures", "Arable land").containsAll(f.labels())));
        assertThat(text("A_CONTAINS(labels, ('Forests')) AND split = 'train'")).isEqualTo(
                expected(f -> f.labels().contains("Forests") && f.split().equals("train")));
    }

    @Test
    void propertyToPropertyComparison() {
        assertThat(text("start_datetime = end_datetime")).hasSize(items.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "split = |the filter ends where a value was expected",
            "split == 'a'|expected a value",
            "split = 'unterminated|unterminated string",
            "(split = 'a'|missing ')'",
            "nope = 1|'nope' is not a queryable here",
            "split > 3|cannot compare string with number",
            "S_INTERSECTS(geometry, POLYGON((0 0, 1 1)))|invalid WKT geometry",
            "T_BEFORE(datetime, TIMESTAMP('2021-01-01'))|not an RFC 3339 date-time",
            "A_CONTAINS(split, ('a'))|needs an array property",
            "CASEI(split) = 'a'|CASEI is not supported",
            "FOO(split, 1)|unknown function FOO",
            "split = 'a' extra|unexpected 'extra'"})
    void badFiltersAre400WithAReason(String filter, String reason) {
        given().queryParam("collections", collection).queryParam("filter", filter).get("/search").then().statusCode(400)
                .contentType("application/json")
                .body("code", equalTo("InvalidParameterValue"))
                .body("description", containsString(reason));
    }

    @Test
    void badCql2JsonAndLanguageAre400() {
        given().contentType(ContentType.JSON).body("{\"filter\":{\"op\":\"=\",\"args\":[{\"property\":\"split\"}]}}")
                .post("/search").then().statusCode(400).body("description", containsString("'=' takes 2 arguments"));
        given().contentType(ContentType.JSON).body("{\"filter\":{\"op\":\"frobnicate\",\"args\":[]}}")
                .post("/search").then().statusCode(400).body("description", containsString("unknown operation 'frobnicate'"));
        given().queryParam("filter", "split = 'a'").queryParam("filter-lang", "sql").get("/search").then().statusCode(400)
                .body("description", containsString("filter-lang 'sql' is not supported"));
        given().queryParam("filter", "split = 'a'").queryParam("filter-crs", "EPSG:3857").get("/search").then().statusCode(400);
    }

    @Test
    void queryablesListWhatFilterMayName() {
        given().get("/collections/{c}/queryables", collection).then().statusCode(200)
                .contentType("application/schema+json")
                .body("properties.labels.type", equalTo("array"))
                .body("properties.labels.items.type", equalTo("string"))
                .body("properties.split.type", equalTo("string"))
                .body("properties.'eo:cloud_cover'.type", equalTo("number"))
                .body("properties.datetime.format", equalTo("date-time"))
                .body("additionalProperties", equalTo(false));
        given().get("/queryables").then().statusCode(200).body("properties.keySet()", hasItems("id", "datetime", "labels", "split"));
        given().get("/collections/nope/queryables").then().statusCode(404);
    }

    /** The splits the items hold are an enum, geometry is described inline, and a split typo is a 400, not 0 hits. */
    @Test
    void knownValuesAreEnumsAndTyposAreRefused() {
        List<String> splits = io.patchserve.testing.SearchFixtures.SPLITS.stream().sorted().toList(); // all occur
        io.restassured.path.json.JsonPath queryables = given().get("/collections/{c}/queryables", collection).then()
                .statusCode(200).extract().jsonPath();
        assertThat(queryables.getList("properties.split.enum", String.class)).isEqualTo(splits);
        assertThat(queryables.getString("properties.geometry.'$ref'")).isNull();
        assertThat(queryables.getString("properties.geometry.format")).isEqualTo("geometry-any");
        assertThat(queryables.getString("properties.labels.items.enum")).as("no nomenclature declared: open").isNull();

        given().queryParam("collections", collection).queryParam("filter", "split = 'training'").get("/search").then()
                .statusCode(400).body("description", containsString("split is never 'training' here; its values are [test, train, val]"));
        given().queryParam("collections", collection).queryParam("filter", "properties.split IN ('val', 'tset')").get("/search")
                .then().statusCode(400).body("description", containsString("'tset'"));
        // other comparisons keep their meaning for any value
        assertThat(text("split <> 'training'")).isEqualTo(expected(f -> true));
    }
}
