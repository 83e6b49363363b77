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
            "label", "https://stac-extensions.github.io/label/v1.0.1/schema.json",
            "ml-aoi", "https://stac-extensions.github.io/ml-aoi/v0.2.0/schema.json");

    private StacExtensions() {
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
