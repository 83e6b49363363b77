package io.patchserve.crop;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.error.ApiException;
import io.patchserve.search.TimeInterval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which steps of bands with a time axis a crop takes: {@code datetime=} an instant (the step nearest to it) or an
 * interval (every step inside, ends included; {@code ..} open), or {@code step=} an index, an inclusive range
 * {@code 3..7}, or the name of a selection the item carries ({@code context}, {@code target}: its
 * {@code ItemFields.SELECTIONS}). Neither: every step. A time outside the item's interval is a 400 that gives
 * the interval.
 */
record TimeSelection(TimeInterval datetime, String step) {

    static final TimeSelection ALL = new TimeSelection(null, null);

    static TimeSelection parse(String datetime, String step) {
        if (datetime != null && step != null) {
            throw ApiException.badRequest("give either datetime or step, not both");
        }
        if (step != null && step.isBlank()) {
            throw ApiException.badRequest("step is empty; give an index, a range such as 0..9, or a selection name");
        }
        try {
            return new TimeSelection(datetime == null ? null : TimeInterval.parse(datetime), step == null ? null : step.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("datetime: " + e.getMessage());
        }
    }

    boolean all() {
        return datetime == null && step == null;
    }

    /** A description for messages: how the steps were chosen. */
    String describe() {
        return step != null ? "step=" + step : datetime == null ? "all steps"
                : "datetime=" + (datetime.start() == null ? ".." : datetime.start()) + (datetime.start() != null
                && datetime.start().equals(datetime.end()) ? "" : "/" + (datetime.end() == null ? ".." : datetime.end()));
    }

    /**
     * The chosen steps (indices into {@code times}, ascending) of {@code group}; {@code item} is the item's
     * properties (its interval and selections), {@code itemId} for messages.
     */
    List<Integer> steps(String itemId, String group, List<Instant> times, JsonNode item) {
        List<Integer> out = new ArrayList<>();
        if (all()) {
            for (int t = 0; t < times.size(); t++) {
                out.add(t);
            }
            return out;
        }
        if (step != null) {
            return byStep(itemId, group, times.size(), item);
        }
        Instant first = times.getFirst(), last = times.getLast();
        String interval = item.path("start_datetime").asText(first.toString()) + "/" + item.path("end_datetime").asText(last.toString());
        boolean before = datetime.end() != null && datetime.end().isBefore(first);
        boolean after = datetime.start() != null && datetime.start().isAfter(last);
        if (before || after) {
            throw ApiException.badRequest(describe() + " lies outside item '" + itemId + "''s steps of " + group + ", "
                    + first + " to " + last + " (the item's interval is " + interval + ")");
        }
        if (datetime.start() != null && datetime.start().equals(datetime.end())) {
            int nearest = 0;
            for (int t = 1; t < times.size(); t++) {
                if (distance(times.get(t), datetime.start()) < distance(times.get(nearest), datetime.start())) {
                    nearest = t;
                }
            }
            return List.of(nearest);
        }
        for (int t = 0; t < times.size(); t++) {
            Instant at = times.get(t);
            if ((datetime.start() == null || !at.isBefore(datetime.start())) && (datetime.end() == null || !at.isAfter(datetime.end()))) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest(describe() + " holds no step of " + group + " of item '" + itemId + "' (its steps run from "
                    + first + " to " + last + ", " + times.size() + " of them)");
        }
        return out;
    }

    private List<Integer> byStep(String itemId, String group, int count, JsonNode item) {
        if (step.matches("\\d+")) {
            return List.of(index(step, count, group, itemId));
        }
        if (step.matches("\\d+\\.\\.\\d+")) {
            String[] ends = step.split("\\.\\.");
            int from = index(ends[0], count, group, itemId), to = index(ends[1], count, group, itemId);
            if (from > to) {
                throw ApiException.badRequest("step=" + step + " runs backwards; give low..high");
            }
            List<Integer> out = new ArrayList<>();
            for (int t = from; t <= to; t++) {
                out.add(t);
            }
            return out;
        }
        JsonNode selections = item.path(io.patchserve.catalog.ItemFields.SELECTIONS);
        if (!selections.has(step)) {
            List<String> names = new ArrayList<>();
            selections.fieldNames().forEachRemaining(names::add);
            throw ApiException.badRequest("step=" + step + " is not an index, a range low..high, or a selection of item '"
                    + itemId + "'" + (names.isEmpty() ? " (it has none)" : " (it has " + names + ")"));
        }
        JsonNode list = selections.path(step).path(group);
        if (!list.isArray()) {
            throw ApiException.badRequest("selection '" + step + "' of item '" + itemId + "' has no steps of " + group);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode o : list) {
            int t = o.asInt();
            if (t < 0 || t >= count) {
                throw new IllegalStateException("selection '" + step + "' names step " + t + " of " + count);
            }
            out.add(t);
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest("selection '" + step + "' of item '" + itemId + "' holds no step of " + group);
        }
        return out;
    }

    private static int index(String text, int count, String group, String itemId) {
        long t = text.length() > 9 ? Long.MAX_VALUE : Long.parseLong(text);
        if (t >= count) {
            throw ApiException.badRequest("step " + text + " is past the last step of " + group + " of item '" + itemId
                    + "': it has " + count + " (0.." + (count - 1) + ")");
        }
        return (int) t;
    }

    private static long distance(Instant a, Instant b) {
        return Math.abs(java.time.Duration.between(a, b).getSeconds());
    }
}
