package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The STAC API Fields extension: which parts of each item to return, by its Include/Exclude Semantics. Paths
 * are dotted ({@code properties.eo:cloud_cover}).
 * <ul>
 * <li>no {@code fields} at all: the whole item;</li>
 * <li>{@code fields} given but empty ({@code ?fields=}, {@code {}}, {@code null}, or include and exclude both
 * null or empty): the default set that keeps a valid item ({@link #DEFAULT_INCLUDES});</li>
 * <li>include given: exactly those fields;</li>
 * <li>exclude with include missing (POST only): the whole item without them; with include null or empty (and
 * always in GET, which cannot say "missing"): the default set without them;</li>
 * <li>the same path in both: included; a nested include under an excluded parent keeps that nested field alone;
 * a nested exclude under an included parent removes just it.</li>
 * </ul>
 *
 * @param present        whether the request said anything about fields
 * @param include        the included paths (empty when none or missing)
 * @param includeMissing POST only: the body's fields object had no include member at all
 * @param exclude        the excluded paths
 */
public record FieldsSpec(boolean present, Set<String> include, boolean includeMissing, Set<String> exclude) {

    static final List<String> DEFAULT_INCLUDES = List.of("type", "stac_version", "stac_extensions", "id", "collection",
            "geometry", "bbox", "links", "assets", "properties.datetime");
    /** The default set's times when an item has no single datetime. */
    private static final List<String> INTERVAL = List.of("properties.start_datetime", "properties.end_datetime");

    /** No fields parameter: the whole item. */
    public static final FieldsSpec ALL = new FieldsSpec(false, Set.of(), true, Set.of());

    public FieldsSpec {
        include = Collections.unmodifiableSet(new LinkedHashSet<>(include));
        exclude = Collections.unmodifiableSet(new LinkedHashSet<>(exclude));
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
        return !present;
    }

    /** GET form: {@code id,properties.platform,-links}; an empty text is the default set. */
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
        return new FieldsSpec(true, include, false, exclude);
    }

    /** POST form: {@code {"include": [...], "exclude": [...]}}; null or {} is the default set. */
    public static FieldsSpec fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return new FieldsSpec(true, Set.of(), false, Set.of());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("fields must be an object with 'include' and/or 'exclude' arrays");
        }
        return new FieldsSpec(true, strings(node.get("include"), "include"), !node.has("include"),
                strings(node.get("exclude"), "exclude"));
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

    /** Applies the spec to a rendered item (which it may change). */
    public ObjectNode apply(ObjectNode item) {
        if (!present) {
            return item;
        }
        ObjectNode result;
        if (!include.isEmpty()) {
            result = item.objectNode();
            for (String path : include) {
                copy(item, result, path.split("\\."), 0);
            }
        } else if (includeMissing && !exclude.isEmpty()) {
            result = item.deepCopy();
        } else {
            result = item.objectNode();
            for (String path : DEFAULT_INCLUDES) {
                copy(item, result, path.split("\\."), 0);
            }
            if (item.path("properties").path("datetime").isNull()) {
                for (String path : INTERVAL) {
                    copy(item, result, path.split("\\."), 0);
                }
            }
        }
        for (String path : exclude) {
            if (include.contains(path)) {
                continue; // in both: included
            }
            remove(result, path.split("\\."), 0);
            for (String nested : include) {
                if (nested.startsWith(path + ".")) {
                    copy(item, result, nested.split("\\."), 0); // the more specific include wins
                }
            }
        }
        return result;
    }

    private static void copy(JsonNode from, ObjectNode to, String[] path, int depth) {
        JsonNode value = from.get(path[depth]);
        if (value == null) {
            return;
        }
        if (depth == path.length - 1) {
            to.set(path[depth], value.deepCopy());
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
