package io.patchserve.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The STAC 1.0.0 JSON Schemas and the extension schemas (copied unchanged from shared/stac-schemas into the test
 * resources), resolved offline: the stacspec.org, geojson.org, stac-extensions.github.io and proj.org prefixes map
 * to the local copies. A document is checked against the core schema and every extension it declares.
 */
public final class StacSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> builder.schemaMappers(mappers -> mappers
                    .mapPrefix("https://schemas.stacspec.org/v1.0.0/", "classpath:stac-schemas/v1.0.0/")
                    .mapPrefix("https://geojson.org/schema/", "classpath:stac-schemas/geojson/")
                    .mapPrefix("https://stac-extensions.github.io/", "classpath:stac-schemas/extensions/")
                    .mapPrefix("https://proj.org/schemas/", "classpath:stac-schemas/projjson/")));
    private static final JsonSchema ITEM = schema("https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json");
    private static final JsonSchema COLLECTION = schema("https://schemas.stacspec.org/v1.0.0/collection-spec/json-schema/collection.json");
    private static final JsonSchema CATALOG = schema("https://schemas.stacspec.org/v1.0.0/catalog-spec/json-schema/catalog.json");

    private StacSchemas() {
    }

    private static JsonSchema schema(String uri) {
        return FACTORY.getSchema(SchemaLocation.of(uri));
    }

    public static void assertValidItem(String json) {
        assertValid(ITEM, json, "item");
    }

    public static void assertValidCollection(String json) {
        assertValid(COLLECTION, json, "collection");
    }

    public static void assertValidCatalog(String json) {
        assertValid(CATALOG, json, "catalog");
    }

    /** Every feature of an ItemCollection must be a valid item. */
    public static void assertValidItemCollection(String json) {
        JsonNode tree = read(json);
        if (!"FeatureCollection".equals(tree.path("type").asText())) {
            fail("not a FeatureCollection: " + json);
        }
        for (JsonNode feature : tree.path("features")) {
            assertValid(ITEM, feature, "item");
        }
    }

    private static void assertValid(JsonSchema schema, String json, String what) {
        assertValid(schema, read(json), what);
    }

    /** Against the core schema and every extension schema the document declares (all resolved offline). */
    private static void assertValid(JsonSchema schema, JsonNode tree, String what) {
        check(schema, tree, what);
        for (JsonNode extension : tree.path("stac_extensions")) {
            String uri = extension.asText();
            if (!uri.startsWith("https://stac-extensions.github.io/")
                    || StacSchemas.class.getClassLoader().getResource("stac-schemas/extensions/"
                    + uri.substring("https://stac-extensions.github.io/".length())) == null) {
                fail(what + " declares " + uri + ", which has no offline schema to validate against");
            }
            check(schema(uri), tree, what + " (" + uri + ")");
        }
    }

    private static void check(JsonSchema schema, JsonNode tree, String what) {
        Set<ValidationMessage> errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            fail("invalid STAC " + what + ": " + errors.stream().map(ValidationMessage::getMessage)
                    .collect(Collectors.joining("; ")) + "\n" + tree.toPrettyString());
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
