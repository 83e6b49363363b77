package io.patchserve.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.stac.Rfc3339;

import java.util.HashMap;
import java.util.Map;

/**
 * An item's steps of one band group, as its {@code patchserve:steps} lists them, kept small for a stack of many
 * items: a regular series (EarthNet's daily cubes) as its start, spacing and count, any other as its epoch seconds.
 */
record StepTimes(long start, long spacing, int count, long[] seconds) {

    /** Each group's steps of an item's properties; empty when it lists none. */
    static Map<String, StepTimes> of(JsonNode properties) {
        Map<String, StepTimes> out = new HashMap<>();
        JsonNode steps = properties.path(io.patchserve.catalog.ItemFields.STEPS);
        steps.fieldNames().forEachRemaining(group -> {
            JsonNode list = steps.path(group);
            long[] seconds = new long[list.size()];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = Rfc3339.parse(list.get(i).path("datetime").asText()).getEpochSecond();
            }
            out.put(group, compact(seconds));
        });
        return out;
    }

    private static StepTimes compact(long[] seconds) {
        if (seconds.length < 2) {
            return new StepTimes(seconds.length == 0 ? 0 : seconds[0], 0, seconds.length, null);
        }
        long spacing = seconds[1] - seconds[0];
        for (int i = 2; i < seconds.length; i++) {
            if (seconds[i] - seconds[i - 1] != spacing) {
                return new StepTimes(0, 0, seconds.length, seconds);
            }
        }
        return new StepTimes(seconds[0], spacing, seconds.length, null);
    }

    /** Step {@code t}'s epoch second. */
    long at(int t) {
        return seconds != null ? seconds[t] : start + t * spacing;
    }
}
