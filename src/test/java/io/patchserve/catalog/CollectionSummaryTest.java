package io.patchserve.catalog;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The queryables a load infers: each property typed by its first value, a date-time format only while every value is one. */
@Tag("unit")
class CollectionSummaryTest {

    private static NewItem item(String id, Map<String, Object> properties) {
        return new NewItem("c", id, null, Instant.parse("2024-01-01T00:00:00Z"), null, null, properties, Map.of(), "h");
    }

    private static Map<String, Object> properties(Object... pairs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void eachPropertyIsTypedByItsFirstValue() {
        CollectionSummary summary = new CollectionSummary();
        summary.add(item("a", properties("cloud", 12.5, "labels", List.of("Forest", "Water"), "flag", true,
                "nested", Map.of("x", 1), "missing", null)));
        summary.add(item("b", properties("cloud", "n/a", "labels", List.of(), "missing", 3)));

        assertThat(summary.queryables()).containsExactly(
                Map.entry("cloud", Map.of("type", "number")),
                Map.entry("labels", Map.of("type", "array", "items", Map.of("type", "string"))),
                Map.entry("flag", Map.of("type", "boolean")),
                Map.entry("missing", Map.of("type", "number")));
    }

    @Test
    void aDateTimeFormatHoldsOnlyWhileEveryValueIsADateTime() {
        CollectionSummary summary = new CollectionSummary();
        summary.add(item("a", properties("acquired", "2021-06-01T10:00:00Z", "processed", "2021-06-02T00:00:00Z")));
        summary.add(item("b", properties("acquired", "2021-06-03T10:00:00Z", "processed", "unknown")));
        summary.add(item("c", properties("acquired", 7, "processed", "2021-06-04T00:00:00Z")));

        assertThat(summary.queryables()).containsExactly(
                Map.entry("acquired", Map.of("type", "string", "format", "date-time")),
                Map.entry("processed", Map.of("type", "string")));
    }
}
