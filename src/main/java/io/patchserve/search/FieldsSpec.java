package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields extension: which parts of each item to return. With includes, an item keeps the defaults that
 * make it a usable STAC item plus what is included; excludes then remove paths. Paths are dotted
 * ({@code properties.eo:cloud_cover}).
 */
public record FieldsSpec(Set<String> include, Set<String> exclude) {

    static final List<String> DEFAULT_INCLUDES = List.of("type", "stac_version", "stac_extensions", "id", "collection",
            "geometry", "bbox", "links", "assets", "properties.datetime");

    public static final FieldsSpec ALL = new FieldsSpec(Set.of(), Set.of());

    public FieldsSpec {
        for (String path : include) {
            requirePath(path);
        }
        for (String path : exclude) {
            requirePath(path);
        }
    }

    /** A dotted path of non-empty names: "properties.split", never "", "." or "a..b". */
    private static void requirePath(String path) {
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new IllegalArgumentException("fields: '" + path + "' is not a field path (names joined by '.', e.g. properties.split)");
        }
    }

    public boolean isAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** GET form: {@code id,properties.platform,-links}. */
    public static FieldsSpec parse(String text) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        for (String raw : text.split(",")) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("-")) {
                exclude.add(part.substring(1));
            } else {
                include.add(part.startsWith("+") ? part.substring(1) : part);
            }
        }
        return new FieldsSpec(include, exclude);
    }

    public static FieldsSpec fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("fields must be an object with 'include' and/or 'exclude' arrays");
        }
        return new FieldsSpec(strings(node.get("include"), "include"), strings(node.get("exclude"), "exclude"));
    }

    private static Set<String> strings(JsonNode node, String what) {
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("fields." + what + " must be an array of strings");
        }
        node.forEach(n -> values.add(n.asText()));
        return values;
    }

    /** Applies the spec to a rendered item, in place. */
    public ObjectNode apply(ObjectNode item) {
        if (isAll()) {
            return item;
        }
        ObjectNode result = item;
        if (!include.isEmpty()) {
            Set<String> keep = new LinkedHashSet<>(DEFAULT_INCLUDES);
            keep.addAll(include);
            keep.removeAll(exclude);
            result = item.objectNode();
            for (String path : keep) {
                copy(item, result, path.split("\\."), 0);
            }
        }
        for (String path : exclude) {
            remove(result, path.split("\\."), 0);
        }
        return result;
    }

    private static void copy(JsonNode from, ObjectNode to, String[] path, int depth) {
        JsonNode value = from.get(path[depth]);
        if (value == null) {
            return;
        }
        if (depth == path.length - 1) {
            to.set(path[depth], value);
        } else if (value.isObject()) {
            JsonNode existing = to.get(path[depth]);
            ObjectNode child = existing instanceof ObjectNode o ? o : to.putObject(path[depth]);
            copy(value, child, path, depth + 1);
        }
    }

    private static void remove(JsonNode node, String[] path, int depth) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (depth == path.length - 1) {
            object.remove(path[depth]);
        } else {
            remove(object.get(path[depth]), path, depth + 1);
        }
    }
}
