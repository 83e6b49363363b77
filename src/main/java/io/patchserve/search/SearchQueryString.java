package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.error.ApiException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code POST /search} body as the query string of the equivalent GET request, so that a download a POST
 * started can be fetched again, and resumed, from a plain URL ({@code curl -C -} repeats GETs only):
 * collections, ids and bbox as comma lists, a CQL2 JSON filter with {@code filter-lang=cql2-json}, intersects as
 * GeoJSON text, sortby as {@code +field,-field}. Keys sorted, so one body gives one URL.
 */
public final class SearchQueryString {

    private SearchQueryString() {
    }

    /** {@code extra} are further parameters of the route (assets, class_order ...), given as text. */
    public static String of(JsonNode body, Map<String, String> extra) {
        Map<String, String> query = new TreeMap<>(extra);
        body.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value == null || value.isNull()) {
                return;
            }
            switch (name) {
                case "collections", "ids", "bbox" -> query.put(name, commaList(name, value));
                case "datetime", "filter-crs" -> query.put(name, value.asText());
                case "filter" -> {
                    if (value.isTextual()) {
                        query.put("filter", value.textValue());
                    } else {
                        query.put("filter", value.toString());
                        query.putIfAbsent("filter-lang", "cql2-json");
                    }
                }
                case "filter-lang" -> query.put(name, value.asText());
                case "intersects" -> query.put(name, value.toString());
                case "sortby" -> query.put(name, sortby(value));
                default -> {
                    // limit, token, fields and the route's own keys do not select items
                }
            }
        });
        List<String> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        return String.join("&", pairs);
    }

    private static String commaList(String name, JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.badRequest(name + " must be an array");
        }
        List<String> parts = new ArrayList<>();
        value.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    private static String sortby(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode item : value) {
            String direction = item.path("direction").asText("asc");
            parts.add((direction.equalsIgnoreCase("desc") ? "-" : "+") + item.path("field").asText());
        }
        return String.join(",", parts);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
