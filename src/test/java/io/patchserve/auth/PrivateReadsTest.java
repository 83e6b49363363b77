package io.patchserve.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** With public reads off, the API needs a read or write key; health, metrics and OpenAPI stay open. */
@QuarkusTest
@TestProfile(PrivateReadsTest.Private.class)
class PrivateReadsTest {

    public static class Private implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("patchserve.auth.public-reads", "false", "patchserve.auth.read-keys", "r1,r2",
                    "patchserve.auth.write-keys", "w1");
        }
    }

    @Test
    void readsNeedAKey() {
        given().get("/collections").then().statusCode(401);
        given().get("/search").then().statusCode(401);
        given().header("X-API-Key", "r2").get("/collections").then().statusCode(200);
        given().header("Authorization", "Bearer w1").get("/collections").then().statusCode(200);
        given().header("X-API-Key", "nope").get("/collections").then().statusCode(401);
    }

    @Test
    void operationsRoutesStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
