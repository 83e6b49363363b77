package io.patchserve.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

/** service-desc answers with the type the landing page advertises; service-doc is an API reference page. */
@QuarkusTest
class ServiceDescriptionTest {

    private static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    @Test
    void serviceDescIsTheContractInTheAdvertisedType() {
        JsonPath landing = given().get("/").then().statusCode(200).extract().jsonPath();
        String href = landing.getString("links.find { it.rel == 'service-desc' }.href");
        assertThat(landing.getString("links.find { it.rel == 'service-desc' }.type")).isEqualTo(OPENAPI);
        String path = href.replaceFirst("^https?://[^/]+", "");
        JsonPath document = given().accept(OPENAPI).get(path).then().statusCode(200)
                .contentType(startsWith("application/vnd.oai.openapi+json")).extract().jsonPath();
        assertThat(document.getString("openapi")).startsWith("3.");
        assertThat(document.getMap("paths")).containsKeys("/search", "/collections/{collectionId}/items");
        // the YAML aliases are resolved: the HEAD of bundle.tar has the GET's parameters
        assertThat(document.getList("paths.'/collections/{collectionId}/bundle.tar'.head.parameters.name")).contains("assets");
        given().accept("application/json").get(path).then().statusCode(200);
    }

    @Test
    void aBrowserIsSentToTheApiReferencePage() {
        JsonPath landing = given().get("/").then().statusCode(200).extract().jsonPath();
        String doc = landing.getString("links.find { it.rel == 'service-doc' }.href");
        assertThat(landing.getString("links.find { it.rel == 'service-doc' }.type")).isEqualTo("text/html");
        given().redirects().follow(false).accept("text/html").get("/api").then().statusCode(303)
                .header("Location", endsWith("/q/swagger-ui/"));
        String html = given().get(doc.replaceFirst("^https?://[^/]+", "")).then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertThat(html).containsIgnoringCase("swagger").doesNotContain("cdn.", "unpkg.com", "jsdelivr");
    }
}
