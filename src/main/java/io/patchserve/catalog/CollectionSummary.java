package io.patchserve.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a run of writes saw of its items' properties: the JSON type of each, merged into the collection's
 * queryables at the end of the run (its count and extent are recomputed from the rows then, see
 * {@link CatalogWriter#reconcile}).
 */
public final class CollectionSummary {

    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    private final Map<String, Map<String, Object>> queryables = new LinkedHashMap<>();

    public synchronized void add(NewItem item) {
        item.properties().forEach(this::observe);
    }

    private void observe(String name, Object value) {
        Map<String, Object> known = queryables.get(name);
        if (known == null) {
            Map<String, Object> schema = schemaOf(value);
            if (schema != null) {
                queryables.put(name, schema);
            }
        } else if (value instanceof String s && "date-time".equals(known.get("format")) && !DATE_TIME.matcher(s).matches()) {
            known.remove("format"); // one value that is not a date-time makes it a plain string
        }
        // otherwise the first value's schema stands: nothing to build for the items after it
    }

    static Map<String, Object> schemaOf(Object value) {
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (value) {
            case String s -> {
                schema.put("type", "string");
                if (DATE_TIME.matcher(s).matches()) {
                    schema.put("format", "date-time");
                }
            }
            case Number n -> schema.put("type", "number");
            case Boolean b -> schema.put("type", "boolean");
            case List<?> list -> {
                schema.put("type", "array");
                Map<String, Object> items = list.isEmpty() || list.getFirst() == null ? null : schemaOf(list.getFirst());
                schema.put("items", items == null || items.get("type").equals("array")
                        ? Map.of("type", "string") : Map.of("type", items.get("type")));
            }
            case null, default -> {
                return null;
            }
        }
        return schema;
    }

    public synchronized Map<String, Map<String, Object>> queryables() {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        queryables.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }
}
