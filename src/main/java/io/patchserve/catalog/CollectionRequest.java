package io.patchserve.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.error.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a STAC Collection sent by a publisher (POST or PUT /collections) into what the catalog stores. */
final class CollectionRequest {

    /** Fields the catalog computes or renders itself; a request's values for them are ignored. */
    private static final Set<String> DERIVED = Set.of("type", "stac_version", "id", "title", "description", "license",
            "keywords", "extent", "links", "stac_extensions", "patchserve:counts");
    /** Summaries the service writes from the collection's nomenclatures and counts (a GET's body PUT back). */
    private static final Set<String> DERIVED_SUMMARIES = Set.of("label:properties", "label:classes", "label:type",
            "label:tasks", "label:overviews");

    private CollectionRequest() {
    }

    static NewCollection parse(JsonNode body, String expectedId, ObjectMapper mapper) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a STAC Collection (a JSON object)");
        }
        if (holdsNul(body)) {
            throw ApiException.badRequest("the collection holds a NUL character, which cannot be stored");
        }
        if (body.has("type") && !"Collection".equals(body.get("type").asText())) {
            throw ApiException.badRequest("type must be 'Collection'");
        }
        String id = text(body, "id", true);
        if (expectedId != null && !expectedId.equals(id)) {
            throw ApiException.badRequest("the body's id '" + id + "' differs from the path's '" + expectedId + "'");
        }
        CatalogWriter.requireValidCollectionId(id);
        List<String> keywords = new ArrayList<>();
        JsonNode k = body.get("keywords");
        if (k != null && !k.isNull()) {
            if (!k.isArray()) {
                throw ApiException.badRequest("keywords must be an array of strings");
            }
            k.forEach(word -> keywords.add(word.asText()));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        body.properties().forEach(field -> {
            if (DERIVED.contains(field.getKey())) {
                return;
            }
            JsonNode value = field.getValue();
            if (field.getKey().equals("summaries") && value.isObject()) {
                value = ((com.fasterxml.jackson.databind.node.ObjectNode) value.deepCopy()).without(DERIVED_SUMMARIES);
            }
            extra.put(field.getKey(), mapper.convertValue(value, Object.class));
        });
        return new NewCollection(id, text(body, "title", false), text(body, "description", true),
                text(body, "license", true), keywords, extra);
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (var fields = node.properties().iterator(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().indexOf('\0') >= 0 || holdsNul(field.getValue())) {
                return true;
            }
        }
        for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
            if (holdsNul(element)) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode body, String name, boolean required) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw ApiException.badRequest("a collection needs '" + name + "'");
            }
            return null;
        }
        if (!node.isTextual() || (required && node.textValue().isBlank())) {
            throw ApiException.badRequest("'" + name + "' must be a non-empty string");
        }
        return node.textValue();
    }
}
