package io.patchserve.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/** Validates response bodies against the component schemas of openapi/openapi.yaml, so tests hold the document to its word. */
public final class OpenApiSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode COMPONENTS;

    static {
        try {
            COMPONENTS = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile()).path("components");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OpenApiSchemas() {
    }

    /** Asserts that {@code body} is valid against {@code #/components/schemas/<name>}. */
    public static void assertMatches(String name, String body) {
        // OpenAPI 3.0 schema objects are JSON Schema (draft 4 style) plus keywords such as nullable; wrap the
        // components so that their #/components/schemas/... references resolve.
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$ref", "#/components/schemas/" + name);
        schema.set("components", COMPONENTS);
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        try {
            Set<ValidationMessage> errors = validator.validate(JSON.readTree(body));
            if (!errors.isEmpty()) {
                fail("response does not match OpenAPI schema " + name + ": "
                        + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; ")));
            }
        } catch (java.io.IOException e) {
            fail("not JSON: " + body);
        }
    }
}
