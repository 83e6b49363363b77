package io.patchserve.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class JsonTreesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void writesEveryKindOfNodeAsTheObjectMapperDoes() throws Exception {
        ObjectNode tree = (ObjectNode) mapper.readTree("""
                {"s": "a \\"quoted\\" \\u00e9 string\\n", "i": -7, "l": 12345678901234, "d": 0.1, "e": 1.5e-300,
                 "t": true, "f": false, "n": null, "empty": [], "nested": {"labels": ["x", "y"], "o": {}},
                 "mixed": [1, "two", 3.0, null, [4], {"five": 5}]}""");
        tree.put("big", new BigInteger("123456789012345678901234567890"));
        tree.put("decimal", new BigDecimal("3.14159265358979323846264338327950288"));
        tree.put("float", 2.5f);
        tree.put("short", (short) 3);

        assertEquals(mapper.writeValueAsString(tree), written(tree));
    }

    @Test
    void readsBackEqualFromDecimalParsing() throws Exception {
        ObjectMapper decimals = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode tree = decimals.readTree("{\"cloud\": 12.30, \"xs\": [1e2, 0.000001]}");

        assertEquals(tree, decimals.readTree(written(tree)));
    }

    @Test
    void passesRawJsonThrough() throws Exception {
        String geometry = "{\"type\":\"Point\",\"coordinates\":[8.5,47.25]}";
        ObjectNode feature = mapper.createObjectNode();
        feature.set("geometry", JsonNodeFactory.instance.rawValueNode(new RawValue(geometry)));

        assertEquals("{\"geometry\":" + geometry + "}", written(feature));
    }

    private String written(JsonNode tree) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = mapper.createGenerator(out)) {
            JsonTrees.write(g, tree);
        }
        return out.toString();
    }
}
