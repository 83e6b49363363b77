package io.patchserve.web;

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
    void hostileHeaderValuesAreIgnored() {
        JsonPath body = landing(given().header("X-Forwarded-Host", "evil.example.org/<script>")
                .header("X-Forwarded-Proto", "javascript").header("X-Forwarded-Prefix", "/a b"));
        String self = body.getString("links.find { it.rel == 'self' }.href");
        assertThat(self).startsWith("http://localhost").doesNotContain("evil").doesNotContain("a b");
    }
}
