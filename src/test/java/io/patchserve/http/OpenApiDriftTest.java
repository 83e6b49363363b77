package io.patchserve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document in openapi/ is what /q/openapi serves, and it names exactly the routes the code has. */
@QuarkusTest
class OpenApiDriftTest {

    private static final Map<Class<? extends java.lang.annotation.Annotation>, String> METHODS = Map.of(
            GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE", HEAD.class, "HEAD",
            jakarta.ws.rs.PATCH.class, "PATCH");

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (Set.of("get", "post", "put", "delete", "head", "patch").contains(op.getKey())) {
                operations.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** Every resource method of the application, as "METHOD /path/{param}". */
    private static Set<String> routesInCode() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        Set<String> routes = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("io/patchserve"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiDriftTest.class.getClassLoader());
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null || classPath.value().startsWith("/pages")) {
                    continue; // the HTML pages: the documented routes' other representation (web.HtmlNegotiation)
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (var entry : METHODS.entrySet()) {
                        if (method.isAnnotationPresent(entry.getKey())) {
                            Path methodPath = method.getAnnotation(Path.class);
                            routes.add(entry.getValue() + " " + join(classPath.value(), methodPath == null ? "" : methodPath.value()));
                        }
                    }
                }
            }
        }
        return routes;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Test
    void theDocumentNamesExactlyTheRoutesOfTheCode() throws Exception {
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(java.nio.file.Path.of("openapi/openapi.yaml").toFile());
        assertThat(operations(file)).isEqualTo(routesInCode());
    }

    @Test
    void responsesMatchTheDocumentsSchemas() {
        io.patchserve.testing.OpenApiSchemas.assertMatches("LandingPage", given().get("/").then().statusCode(200).extract().asString());
        io.patchserve.testing.OpenApiSchemas.assertMatches("Conformance", given().get("/conformance").then().extract().asString());
        io.patchserve.testing.OpenApiSchemas.assertMatches("Collections", given().get("/collections").then().extract().asString());
        io.patchserve.testing.OpenApiSchemas.assertMatches("ItemCollection",
                given().queryParam("limit", 5).get("/search").then().statusCode(200).extract().asString());
        io.patchserve.testing.OpenApiSchemas.assertMatches("Queryables", given().get("/queryables").then().extract().asString());
        io.patchserve.testing.OpenApiSchemas.assertMatches("Error",
                given().get("/collections/nope").then().statusCode(404).extract().asString());
        io.patchserve.testing.OpenApiSchemas.assertMatches("Error",
                given().queryParam("bbox", "x").get("/search").then().statusCode(400).extract().asString());
    }

    @Test
    void aBrokenResponseDoesNotMatch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                io.patchserve.testing.OpenApiSchemas.assertMatches("Error", "{\"code\": 5}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Error");
    }

    @Test
    void theServedDocumentIsTheOneInTheRepository() throws Exception {
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(java.nio.file.Path.of("openapi/openapi.yaml").toFile());
        JsonNode served = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        assertThat(operations(served)).isEqualTo(operations(file));
        assertThat(served.path("components").path("schemas").has("ItemCollection")).isTrue();
        assertThat(served.path("info").path("title").asText()).isEqualTo("Patchserve");
    }
}
