package io.patchserve.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ErrorResponsesTest {

    @Test
    void unknownCollectionIs404WithAJsonBody() {
        given().get("/collections/no-such-collection").then().statusCode(404)
                .contentType("application/json")
                .body("code", equalTo("NotFound"))
                .body("description", equalTo("collection 'no-such-collection' does not exist"))
                .body("requestId", notNullValue());
        given().get("/collections/no-such-collection/items").then().statusCode(404).body("code", equalTo("NotFound"));
        given().get("/collections/no-such-collection/items/x").then().statusCode(404).body("code", equalTo("NotFound"));
    }

    @Test
    void unknownRouteIs404WithAJsonBody() {
        given().get("/no/such/route").then().statusCode(404)
                .contentType("application/json")
                .body("code", equalTo("NotFound"));
    }

    @Test
    void wrongMethodIs405WithAJsonBody() {
        given().delete("/conformance").then().statusCode(405)
                .contentType("application/json")
                .body("code", equalTo("MethodNotAllowed"));
    }

    @Test
    void malformedParametersAre400() {
        given().queryParam("limit", "ten").get("/collections/any/items").then().statusCode(400)
                .contentType("application/json")
                .body("code", equalTo("InvalidParameterValue"))
                .body("description", equalTo("limit must be a positive integer, got 'ten'"));
        given().queryParam("limit", 0).get("/collections/any/items").then().statusCode(400)
                .body("description", equalTo("limit must be a positive integer, got 0"));
        given().queryParam("limit", -3).get("/collections/any/items").then().statusCode(400);
        given().queryParam("token", "%%%").get("/search").then().statusCode(400)
                .body("description", containsString("is not a paging token"));
    }

    @Test
    void nulCharactersAre400NotServerErrors() {
        given().urlEncodingEnabled(false).get("/collections/%00").then().statusCode(400)
                .body("code", equalTo("InvalidParameterValue"));
        given().urlEncodingEnabled(false).get("/search?ids=a%00b").then().statusCode(400);
        given().contentType("application/json").body("{\"collections\":[\"\\u0000\"]}").post("/search").then().statusCode(400);
    }

    @Test
    void theRequestIdIsEchoedAndPutInTheErrorBody() {
        given().header("X-Request-Id", "trace-123").get("/collections/nope").then().statusCode(404)
                .header("X-Request-Id", "trace-123")
                .body("requestId", equalTo("trace-123"));
        given().get("/").then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void errorsNeverCarryStackTraces() {
        given().get("/collections/nope/items/x/assets/y").then().statusCode(404)
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }
}
