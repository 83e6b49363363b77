package io.patchserve.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A collection's per-item vectors that a release holds as arrays and Patchserve keeps as item properties
 * (MMEarth's era5, lat, lon, month as values; biome and eco_region as one-hot), with what is needed to write
 * them back as the release had them: length, data type, encoding and the fill of a missing one. Kept in the
 * collection as {@value #KEY}; formats declare them with {@link #writeTo}, exports in a release's own layout
 * read them with {@link #of}.
 */
public record ItemVectors(Map<String, Vector> byName) {

    public static final String KEY = "patchserve:vectors";
    public static final String VALUES = "values";
    public static final String ONE_HOT = "one-hot";

    /**
     * @param property the item property holding it: an array (null for a missing value) or, one-hot, the class index
     * @param nodata   the value a missing element (values) or a whole missing vector (one-hot) is written as
     */
    public record Vector(String property, int length, String dataType, String encoding, double nodata) {
    }

    public ItemVectors {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static ItemVectors of(CollectionEntity collection) {
        Map<String, Vector> out = new LinkedHashMap<>();
        if (collection.extra.get(KEY) instanceof Map<?, ?> declared) {
            declared.forEach((name, v) -> {
                if (v instanceof Map<?, ?> m && m.get("length") instanceof Number length) {
                    out.put(String.valueOf(name), new Vector(String.valueOf(m.get("property")), length.intValue(),
                            String.valueOf(m.get("data_type")), String.valueOf(m.get("encoding")),
                            nodata(m.get("nodata"))));
                }
            });
        }
        return new ItemVectors(out);
    }

    private static double nodata(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return switch (String.valueOf(value)) {
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    public void writeTo(Map<String, Object> extra) {
        Map<String, Object> declared = new LinkedHashMap<>();
        byName.forEach((name, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("property", v.property());
            m.put("length", v.length());
            m.put("data_type", v.dataType());
            m.put("encoding", v.encoding());
            // JSON has no NaN or infinity: a non-finite fill is written as its name
            m.put("nodata", Double.isFinite(v.nodata()) ? (Object) v.nodata() : String.valueOf(v.nodata()));
            declared.put(name, m);
        });
        extra.put(KEY, declared);
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
