package io.patchserve.stac;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/** The STAC extension schemas that an item's field prefixes call for, so clients can validate what they get. */
public final class StacExtensions {

    private static final Map<String, String> BY_PREFIX = Map.of(
            "file", "https://stac-extensions.github.io/file/v2.1.0/schema.json",
            "sat", "https://stac-extensions.github.io/sat/v1.0.0/schema.json",
            "processing", "https://stac-extensions.github.io/processing/v1.1.0/schema.json",
            "proj", "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
            "eo", "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
            "raster", "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
            "sci", "https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
            "label", "https://stac-extensions.github.io/label/v1.0.1/schema.json",
            "ml-aoi", "https://stac-extensions.github.io/ml-aoi/v0.2.0/schema.json");
    /** Collection-level item_assets, a field without a prefix. */
    public static final String ITEM_ASSETS = "https://stac-extensions.github.io/item-assets/v1.0.0/schema.json";

    private StacExtensions() {
    }

    /**
     * Schema URLs, sorted, for every field name anywhere in a JSON tree (eo:bands inside summaries or
     * item_assets counts as much as one at the top), plus item-assets when the tree has item_assets.
     */
    public static TreeSet<String> forTree(com.fasterxml.jackson.databind.JsonNode tree) {
        java.util.Set<String> names = new java.util.HashSet<>();
        collectNames(tree, names);
        TreeSet<String> schemas = forFields(names);
        if (tree.has("item_assets")) {
            schemas.add(ITEM_ASSETS);
        }
        return schemas;
    }

    private static void collectNames(com.fasterxml.jackson.databind.JsonNode node, java.util.Set<String> names) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                names.add(e.getKey());
                collectNames(e.getValue(), names);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectNames(child, names));
        }
    }

    /** Schema URLs, sorted, for the given field names (e.g. "sat:relative_orbit" needs the sat extension). */
    public static TreeSet<String> forFields(Collection<String> fieldNames) {
        TreeSet<String> schemas = new TreeSet<>();
        for (String field : fieldNames) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                String schema = BY_PREFIX.get(field.substring(0, colon));
                if (schema != null) {
                    schemas.add(schema);
                }
            }
        }
        return schemas;
    }
}
