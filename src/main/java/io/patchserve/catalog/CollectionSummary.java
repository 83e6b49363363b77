package io.patchserve.catalog;

import org.locationtech.jts.geom.Envelope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a run of writes adds to a collection's summary: the union of footprints and times, the count of new
 * items, and the JSON type of each property seen. Merged into the collection row in O(1) queries, so a load
 * never rescans the collection's items.
 */
public final class CollectionSummary {

    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    private final Envelope footprint = new Envelope();
    private Instant first;
    private Instant last;
    private long inserted;
    private final Map<String, Map<String, Object>> queryables = new LinkedHashMap<>();

    public synchronized void add(NewItem item) {
        if (item.geometry() != null) {
            footprint.expandToInclude(item.geometry().getEnvelopeInternal());
        }
        Instant start = item.startDatetime() != null ? item.startDatetime() : item.datetime();
        Instant end = item.endDatetime() != null ? item.endDatetime() : item.datetime();
        first = first == null || start.isBefore(first) ? start : first;
        last = last == null || end.isAfter(last) ? end : last;
        item.properties().forEach(this::observe);
    }

    public synchronized void countInserted(long n) {
        inserted += n;
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

    public synchronized Envelope footprint() {
        return footprint.isNull() ? null : new Envelope(footprint);
    }

    public synchronized Instant first() {
        return first;
    }

    public synchronized Instant last() {
        return last;
    }

    public synchronized long inserted() {
        return inserted;
    }

    public synchronized Map<String, Map<String, Object>> queryables() {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        queryables.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }

    public synchronized boolean isEmpty() {
        return first == null;
    }
}
