package io.patchserve.ops;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class HealthTest {

    @Test
    void readyChecksTheDatabaseAndTheObjectStore() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("object-storage", "Database connections health check"));
    }

    @Test
    void startedIsUpForTheKubernetesStartupProbe() {
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void browsersMayCallTheApiFromOtherOrigins() {
        given().header("Origin", "https://notebook.example.org").header("Access-Control-Request-Method", "GET")
                .options("/search").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("*"));
        // the literal *, never the caller's origin echoed (which a shared cache would hand to the next origin),
        // and never with credentials
        given().header("Origin", "https://notebook.example.org").get("/conformance").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.nullValue(), equalTo("false")))
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("Content-Range"));
        given().header("Origin", "https://other.example.com").get("/conformance").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("*"));
    }

    @Test
    void liveIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
