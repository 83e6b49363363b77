package io.patchserve.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree straight to a generator. {@code JsonGenerator.writeTree} goes through the ObjectMapper and
 * sets up a serializer provider on every call; a search page calls it for each property of each item, and
 * that set-up was a tenth of the service's time per search (bench/README.md).
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    public static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> writeNumber(g, node);
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case ARRAY -> {
                g.writeStartArray(node, node.size());
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case OBJECT -> {
                g.writeStartObject(node, node.size());
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case POJO -> {
                if (((POJONode) node).getPojo() instanceof RawValue raw && raw.rawValue() instanceof String json) {
                    g.writeRawValue(json); // JSON written elsewhere (e.g. PostGIS's GeoJSON), passed through
                } else {
                    g.writeTree(node);
                }
            }
            default -> g.writeTree(node);
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> g.writeNumber(node.intValue());
            case LONG -> g.writeNumber(node.longValue());
            case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
            case FLOAT -> g.writeNumber(node.floatValue());
            case DOUBLE -> g.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
        }
    }
}
