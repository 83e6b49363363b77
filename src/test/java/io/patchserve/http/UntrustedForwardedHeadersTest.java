package io.patchserve.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** By default forwarded headers are not trusted: a client cannot make the service publish foreign links. */
@QuarkusTest
class UntrustedForwardedHeadersTest {

    @Test
    void forwardedHeadersAreIgnoredUnlessTrusted() {
        String self = given().header("X-Forwarded-Host", "evil.example.org").header("X-Forwarded-Prefix", "/x")
                .get("/").then().statusCode(200).extract().jsonPath().getString("links.find { it.rel == 'self' }.href");
        assertThat(self).startsWith("http://localhost:").doesNotContain("evil").doesNotContain("/x");
    }
}
