package io.patchserve.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every route answers an undeclared query parameter with a 400 that names it and lists what the route accepts
 * (OGC API Features /req/core/query-param-unknown), instead of ignoring it and answering something else.
 */
@QuarkusTest
class UnknownQueryParametersTest {

    @Test
    void aPropertyParameterThatIsNotDeclaredIsRefusedNotIgnored() {
        String description = given().get("/collections/any/items?labels=Pastures").then().statusCode(400)
                .body("code", equalTo("InvalidParameterValue")).extract().path("description");
        assertThat(description).contains("unknown query parameter 'labels'", "GET /collections/{collectionId}/items", "bbox",
                "split", "filter=labels='value'");
        given().get("/search?platform=sentinel-2a").then().statusCode(400).body("description", containsString("'platform'"));
        // split is declared (a plain queryable parameter), but not on the routes that do not take it
        given().get("/collections/any/statistics?split=train").then().statusCode(400);
    }

    @Test
    void everyKindOfRouteRefusesWhatItDoesNotDeclare() {
        for (String url : new String[]{"/collections/any/bundle.tar.gz?labels=x", "/collections/any/bundle.h5?asset=preview",
                "/collections/any/items/i/crop.png?format=jpeg&quality=50", "/collections/any/items/i/assets/data?download=1",
                "/collections/any?format=json", "/?lang=de", "/collections/any/statistics?split=train",
                "/collections/any/bundle.tar.gz?split=train",
                "/collections/any/bundle.tar?limit=5"}) {
            given().get(url).then().statusCode(400).body("description", containsString("unknown query parameter"));
        }
        given().head("/collections/any/bundle.tar?labels=x").then().statusCode(400);
        // f is declared (json or html, web.HtmlNegotiation): a value it does not take is refused as such
        given().get("/collections/any?f=json2").then().statusCode(400).body("description", containsString("f takes html or json"));
    }

    @Test
    void declaredParametersStillReachTheRoute() {
        given().get("/search?limit=1&fields=id&filter-lang=cql-text&filter=id='x'").then().statusCode(200);
        given().get("/collections/no-such-collection/items?limit=5&bbox=0,0,1,1").then().statusCode(404);
        given().get("/q/health/ready?anything=1").then().statusCode(200);
    }
}
