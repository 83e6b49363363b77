package io.patchserve.stac;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict RFC 3339 date-times, as STAC API asks: a full date and time with seconds, 1-9 fraction digits,
 * and 'Z' or a ±HH:MM offset; 'T' and 'Z' in either case. Date-only values, missing zones and offsets
 * without a colon are refused.
 */
public final class Rfc3339 {

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private Rfc3339() {
    }

    /** Parses an RFC 3339 date-time; throws IllegalArgumentException with a reason. */
    public static Instant parse(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 date-time (e.g. 2021-06-01T10:00:00Z)");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                nanos = Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            }
            int second = Integer.parseInt(m.group(6));
            boolean leapSecond = second == 60;
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    leapSecond ? 59 : second, nanos);
            ZoneOffset offset = ZoneOffset.UTC;
            if (m.group(8) == null) {
                int hours = Integer.parseInt(m.group(10));
                int minutes = Integer.parseInt(m.group(11));
                if (hours > 23 || minutes > 59) {
                    throw new DateTimeException("offset out of range");
                }
                int sign = m.group(9).equals("-") ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            }
            Instant instant = local.toInstant(offset);
            return leapSecond ? instant.plusSeconds(1) : instant;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date-time: " + e.getMessage());
        }
    }

    /** Parses a full date (YYYY-MM-DD), as CQL2's DATE() takes. */
    public static LocalDate parseDate(String text) {
        if (!DATE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a date (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date");
        }
    }
}
