package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Keyset paging: the sort values of the last item served, tied to the sort they belong to. The next page
 * starts strictly after them, so items inserted meanwhile shift nothing and no item is served twice. A backward
 * cursor (a prev link) holds the first item's values, and its page is the one that ends just before them.
 */
public record SearchCursor(String sortSignature, List<Object> values, long matched, boolean matchedExact,
                           boolean backward) {

    public SearchCursor(String sortSignature, List<Object> values, long matched, boolean matchedExact) {
        this(sortSignature, values, matched, matchedExact, false);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public String token() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("s", sortSignature);
        // numberMatched of the first page travels with the cursor, so later pages need not count again
        doc.put("m", matched);
        doc.put("e", matchedExact);
        if (backward) {
            doc.put("b", true); // a prev link: the page ends just before these values
        }
        ArrayNode v = doc.putArray("v");
        for (Object value : values) {
            switch (value) {
                case null -> v.addNull();
                case Instant instant -> v.addObject().put("t", instant.toString());
                case String s -> v.add(s);
                case Double d -> v.add(d);
                case Boolean b -> v.add(b);
                default -> throw new IllegalStateException("unexpected sort value " + value.getClass());
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(doc.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static SearchCursor parse(String token, String expectedSignature, List<SortKey> keys) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            JsonNode doc = JSON.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (!expectedSignature.equals(doc.path("s").asText())) {
                throw ApiException.badRequest("token belongs to a different sortby; start again without a token");
            }
            JsonNode v = doc.path("v");
            if (!v.isArray() || v.size() != keys.size()) {
                throw new IllegalArgumentException("wrong number of values");
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode n : v) {
                if (n.isNull()) {
                    values.add(null);
                } else if (n.isObject() && n.has("t")) {
                    values.add(Instant.parse(n.get("t").asText()));
                } else if (n.isTextual()) {
                    values.add(n.textValue());
                } else if (n.isNumber()) {
                    values.add(n.doubleValue());
                } else if (n.isBoolean()) {
                    values.add(n.booleanValue());
                } else {
                    throw new IllegalArgumentException("bad value");
                }
            }
            for (int k = 0; k < keys.size(); k++) {
                if (!fits(values.get(k), keys.get(k).type())) {
                    throw new IllegalArgumentException("a value of another type than its sort key");
                }
            }
            if (!doc.path("m").canConvertToLong()) {
                throw new IllegalArgumentException("no match count");
            }
            return new SearchCursor(expectedSignature, values, doc.path("m").asLong(), doc.path("e").asBoolean(),
                    doc.path("b").asBoolean(false));
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.badRequest("token '" + abbreviate(token) + "' is not a paging token issued by this service");
        }
    }

    /** A value a sort key of this type can have (null: the item had none), as {@link #token} writes it. */
    private static boolean fits(Object value, Queryable.Type type) {
        return value == null || switch (type) {
            case TIMESTAMP -> value instanceof Instant;
            case NUMBER -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case ARRAY, GEOMETRY -> false;
        };
    }

    private static String abbreviate(String token) {
        return token.length() > 40 ? token.substring(0, 40) + "..." : token;
    }
}
