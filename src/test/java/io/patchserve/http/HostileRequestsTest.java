package io.patchserve.http;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that once crashed the service, answered 5xx or leaked internals (issue #16, "found"): each must be a
 * 4xx with the JSON error body, or a plain success where the request was legal after all.
 */
@QuarkusTest
class HostileRequestsTest {

    @Inject
    IngestService ingest;

    @TempDir
    static Path temp;
    private static String collection;

    @BeforeEach
    void release() {
        if (collection == null) {
            collection = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
            SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 2, 64);
        }
    }

    private static String item() {
        return SmcefrFixtures.productName(0);
    }

    /** A 4xx with the JSON error body, no stack trace, and a description that is short and names no internals. */
    private static Response assertJson4xx(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString().substring(0, Math.min(300, response.asString().length())))
                .isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        String description = response.jsonPath().getString("description");
        assertThat(response.jsonPath().getString("code")).isNotBlank();
        assertThat(response.jsonPath().getString("requestId")).isNotBlank();
        assertThat(description).isNotBlank().hasSizeLessThan(1000)
                .doesNotContain("Exception", "\tat ", "org.", "java.", "PSQL", "ERROR:", "Hint", "jts", "Jackson", "StreamReadConstraints");
        return response;
    }

    @Test
    void cropSizesPastTheLimitAre400BeforeAnythingIsAllocated() {
        String base = "/collections/" + collection + "/items/" + item();
        for (String query : new String[]{"width=2147483647", "height=2147483647", "width=2147483647&height=2147483647",
                "width=65536&height=65536", "window=0,0,1,1&width=100000"}) {
            for (String route : new String[]{"/crop.png?", "/crop.h5?"}) {
                assertThat(assertJson4xx(given().urlEncodingEnabled(false).get(base + route + query), 400)
                        .jsonPath().getString("description")).contains("limit");
            }
        }
    }

    @Test
    void aBoxFromTheAntimeridianToItselfIsASearch() {
        given().get("/search?bbox=180,-90,-180,90").then().statusCode(200);
        given().get("/search?bbox=180,0,-180,0").then().statusCode(200);
        given().get("/search?bbox=170,-10,-170,10").then().statusCode(200);
    }

    @Test
    void malformedFieldsLikePatternsAndTokensAre400() {
        assertJson4xx(given().get("/search?fields=."), 400);
        assertJson4xx(given().get("/search?fields=properties..split"), 400);
        assertJson4xx(given().urlEncodingEnabled(false).get("/search?filter=platform%20LIKE%20'%5C'"), 400);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"s\":\"-datetime,+collection,+id\",\"m\":1,\"e\":true,\"v\":[1,2,3]}".getBytes(StandardCharsets.UTF_8));
        assertThat(assertJson4xx(given().get("/search?token=" + forged), 400).jsonPath().getString("description"))
                .contains("not a paging token");
    }

    @Test
    void deepFiltersAre400NotAStackOverflow() {
        String text = "NOT ".repeat(10_000) + "id = 'x'";
        assertJson4xx(postJson("{\"filter-lang\": \"cql2-text\", \"filter\": \"" + text + "\"}"), 400);
        String json = "{\"op\": \"not\", \"args\": [".repeat(5_000) + "true" + "]}".repeat(5_000);
        assertJson4xx(postJson("{\"filter\": " + json + "}"), 400);
        String parens = "(".repeat(5_000) + "id = 'x'" + ")".repeat(5_000);
        assertJson4xx(postJson("{\"filter-lang\": \"cql2-text\", \"filter\": \"" + parens + "\"}"), 400);
    }

    /** A search body sent as bytes (REST Assured spends half a minute on a deeply nested JSON string). */
    private static Response postJson(String body) {
        return given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post("/search");
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheJsonBody() {
        Response response = given().header("Range", "bytes=999999999-")
                .get("/collections/{c}/items/{i}/assets/image", collection, item());
        assertJson4xx(response, 416);
        assertThat(response.header("Content-Range")).startsWith("bytes */");
    }

    @Test
    void hugeValuesAreNotEchoedBack() {
        String datetime = "x".repeat(200_000);
        assertJson4xx(given().contentType("application/json").body("{\"datetime\": \"" + datetime + "\"}").post("/search"), 400);
        assertJson4xx(given().contentType("application/json").body("{\"ids\": [\"" + datetime + "\"], \"bbox\": [\"" + datetime + "\"]}")
                .post("/search"), 400);
    }

    @Test
    void longListsAre400NotSlowQueries() {
        String numbers = String.join(",", java.util.stream.IntStream.range(0, 32_000).mapToObj(Integer::toString).toList());
        assertThat(assertJson4xx(given().contentType("application/json")
                .body("{\"filter-lang\": \"cql2-text\", \"filter\": \"gsd IN (" + numbers + ")\"}").post("/search"), 400)
                .jsonPath().getString("description")).contains("32000 values");
        String ids = "\"" + String.join("\",\"", java.util.Collections.nCopies(1_001, "x")) + "\"";
        assertThat(assertJson4xx(given().contentType("application/json").body("{\"ids\": [" + ids + "]}").post("/search"), 400)
                .jsonPath().getString("description")).contains("1001 values");
    }

    @Test
    void oversizedRequestsGetTheJsonBodyToo() {
        assertJson4xx(given().urlEncodingEnabled(false).get("/search?ids=" + "a".repeat(20_000)), 414);
        assertJson4xx(given().header("X-Padding", "p".repeat(40_000)).get("/"), 431);
        byte[] body = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        assertJson4xx(given().contentType("application/json").body(body).post("/search"), 413);
    }

    @Test
    void wrongMethodsAre405WithAllow() {
        for (String path : new String[]{"/search", "/conformance", "/collections/" + collection + "/items", "/queryables"}) {
            Response response = given().delete(path);
            assertJson4xx(response, 405);
            assertThat(response.header("Allow")).as(path).isNotBlank();
        }
        for (String method : new String[]{"PUT", "DELETE", "PATCH"}) {
            Response response = given().request(method, "/q/health");
            assertThat(response.statusCode()).as(method + " /q/health").isEqualTo(405);
        }
    }
}
