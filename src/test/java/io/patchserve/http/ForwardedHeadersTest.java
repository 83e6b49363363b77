package io.patchserve.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Behind a gateway that is trusted, links carry the gateway's scheme, host and path prefix. */
@QuarkusTest
@TestProfile(ForwardedHeadersTest.TrustGateway.class)
class ForwardedHeadersTest {

    public static class TrustGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("patchserve.api.trust-forwarded-headers", "true");
        }
    }

    private static JsonPath landing(io.restassured.specification.RequestSpecification request) {
        return request.get("/").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void xForwardedHeadersShapeEveryLink() {
        JsonPath body = landing(given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "eo.example.org")
                .header("X-Forwarded-Prefix", "/eo/"));
        assertThat(body.getList("links.href", String.class))
                .isNotEmpty()
                .allMatch(href -> href.startsWith("https://eo.example.org/eo/"));
        assertThat(body.getString("links.find { it.rel == 'data' }.href")).isEqualTo("https://eo.example.org/eo/collections");
    }

    @Test
    void theForwardedHeaderWinsAndAPortIsKept() {
        JsonPath body = landing(given().header("Forwarded", "for=10.0.0.1;proto=https;host=\"gw.example.org:8443\", for=10.0.0.2")
                .header("X-Forwarded-Prefix", "/patches"));
        assertThat(body.getString("links.find { it.rel == 'self' }.href")).isEqualTo("https://gw.example.org:8443/patches/");
    }

    @Test
    void searchNextLinksAndAssetHrefsCarryThePrefix() {
        String collection = "fwd-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        io.quarkus.arc.Arc.container().instance(io.patchserve.catalog.CatalogWriter.class).get().ensureCollection(
                new io.patchserve.catalog.NewCollection(collection, null, "d", "CC0-1.0", java.util.List.of(), Map.of()));
        java.util.List<io.patchserve.catalog.NewItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(new io.patchserve.catalog.NewItem(collection, "i" + i, null, java.time.Instant.parse("2021-01-01T00:00:00Z").plusSeconds(i),
                    null, null, Map.of(), Map.of(), "h" + i));
        }
        io.quarkus.arc.Arc.container().instance(io.patchserve.catalog.ItemBulkLoader.class).get().load(items);

        JsonPath get = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "eo.example.org")
                .header("X-Forwarded-Prefix", "/eo").queryParam("collections", collection).queryParam("limit", 1)
                .get("/search").then().statusCode(200).extract().jsonPath();
        assertThat(get.getString("links.find { it.rel == 'next' }.href"))
                .startsWith("https://eo.example.org/eo/search?").contains("collections=" + collection).contains("token=");
        assertThat(get.getList("features[0].links.href", String.class)).allMatch(h -> h.startsWith("https://eo.example.org/eo/"));

        JsonPath post = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "eo.example.org")
                .header("X-Forwarded-Prefix", "/eo").contentType("application/json")
                .body("{\"collections\":[\"" + collection + "\"],\"limit\":1}")
                .post("/search").then().statusCode(200).extract().jsonPath();
        assertThat(post.getString("links.find { it.rel == 'next' }.href")).isEqualTo("https://eo.example.org/eo/search");
        assertThat(post.getString("links.find { it.rel == 'next' }.body.token")).isNotBlank();

        JsonPath page = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "eo.example.org")
                .header("X-Forwarded-Prefix", "/eo").queryParam("limit", 1).get("/collections/{c}/items", collection)
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getString("links.find { it.rel == 'next' }.href")).startsWith("https://eo.example.org/eo/collections/" + collection + "/items?");
    }

    @Test
    void pagesLinkThroughTheGateway() {
        String collection = "fwd-page-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        io.quarkus.arc.Arc.container().instance(io.patchserve.catalog.CatalogWriter.class).get().ensureCollection(
                new io.patchserve.catalog.NewCollection(collection, null, "d", "CC0-1.0", java.util.List.of(), Map.of()));
        for (String path : new String[]{"/", "/collections/" + collection, "/search"}) {
            String html = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "eo.example.org")
                    .header("X-Forwarded-Prefix", "/eo").accept("text/html").get(path)
                    .then().statusCode(200).extract().asString();
            // every link, script, style sheet and the base the page's script fetches from (only outside sites aside)
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:href|src|data-base)=\"([^\"]*)\"").matcher(html);
            java.util.List<String> urls = new java.util.ArrayList<>();
            while (m.find()) {
                urls.add(m.group(1));
            }
            assertThat(urls).as(path).isNotEmpty()
                    .allMatch(u -> u.startsWith("https://eo.example.org/eo") || u.startsWith("https://doi.org/")
                            || u.startsWith("https://spdx.org/") || u.equals("data:,"), "behind the gateway"); // data: the empty icon
        }
    }

    @Test
    void hostileHeaderValuesAreIgnored() {
        JsonPath body = landing(given().header("X-Forwarded-Host", "evil.example.org/<script>")
                .header("X-Forwarded-Proto", "javascript").header("X-Forwarded-Prefix", "/a b"));
        String self = body.getString("links.find { it.rel == 'self' }.href");
        assertThat(self).startsWith("http://localhost").doesNotContain("evil").doesNotContain("a b");
    }
}
