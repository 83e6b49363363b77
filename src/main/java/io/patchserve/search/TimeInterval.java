package io.patchserve.search;

import io.patchserve.stac.Rfc3339;

import java.time.Instant;

/**
 * A closed time interval whose ends may be open (null). An instant is an interval with equal ends.
 * Parses the STAC {@code datetime} parameter: an instant, or {@code start/end} with {@code ..} or an empty
 * string for an open end.
 */
public record TimeInterval(Instant start, Instant end) {

    public static TimeInterval parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        if (slash < 0) {
            Instant instant = Rfc3339.parse(value);
            return new TimeInterval(instant, instant);
        }
        if (value.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("datetime '" + text + "' has more than one '/'");
        }
        String from = value.substring(0, slash).trim();
        String to = value.substring(slash + 1).trim();
        boolean openStart = from.isEmpty() || from.equals("..");
        boolean openEnd = to.isEmpty() || to.equals("..");
        if (openStart && openEnd) {
            throw new IllegalArgumentException("datetime '" + text + "' is open at both ends; give at least one date-time");
        }
        Instant start = openStart ? null : Rfc3339.parse(from);
        Instant end = openEnd ? null : Rfc3339.parse(to);
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("datetime '" + text + "' starts after it ends");
        }
        return new TimeInterval(start, end);
    }

}
