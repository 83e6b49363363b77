package io.patchserve.raster.netcdf;

import io.patchserve.raster.NotReadable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CF time coordinates ({@code units = "<unit> since <reference>"}, {@code calendar}) decoded to instants, for the
 * calendars java.time keeps (proleptic Gregorian; "standard" only after 1582, where it is the same). Other
 * calendars (noleap, 360_day, julian) and units (months, years: not fixed lengths) are refused with the reason,
 * as xarray refuses what it cannot decode without cftime.
 */
public final class CfTime {

    private static final Pattern UNITS = Pattern.compile("\\s*(\\w+)\\s+since\\s+(\\S+)(?:[ T](\\S+))?(?:\\s+(\\S+))?\\s*");
    private static final Set<String> CALENDARS = Set.of("standard", "gregorian", "proleptic_gregorian");
    private static final Instant GREGORIAN_START = Instant.parse("1582-10-15T00:00:00Z");

    private CfTime() {
    }

    /** Decodes {@code values} (numbers of {@code units}) to instants; throws with the reason when it cannot. */
    public static List<Instant> decode(double[] values, String units, String calendar) throws NotReadable {
        if (units == null) {
            throw new NotReadable("the time coordinate has no units");
        }
        String cal = calendar == null ? "standard" : calendar.toLowerCase(Locale.ROOT);
        if (!CALENDARS.contains(cal)) {
            throw new NotReadable("time calendar '" + calendar + "' is not decoded (only standard, gregorian and proleptic_gregorian)");
        }
        Matcher m = UNITS.matcher(units);
        if (!m.matches()) {
            throw new NotReadable("time units '" + units + "' are not '<unit> since <date>'");
        }
        double nanosPerUnit = nanosPerUnit(m.group(1), units);
        Instant reference = reference(m.group(2), m.group(3), m.group(4), units);
        List<Instant> out = new ArrayList<>(values.length);
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new NotReadable("the time coordinate holds " + v);
            }
            double nanos = v * nanosPerUnit;
            long seconds = (long) Math.floor(nanos / 1e9);
            Instant t = reference.plusSeconds(seconds).plusNanos(Math.round(nanos - seconds * 1e9));
            if (!cal.equals("proleptic_gregorian") && t.isBefore(GREGORIAN_START)) {
                throw new NotReadable("time " + t + " is before 1582-10-15 in the '" + cal + "' calendar (Julian there)");
            }
            out.add(t);
        }
        return out;
    }

    private static double nanosPerUnit(String unit, String units) throws NotReadable {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "days", "day", "d" -> 86_400e9;
            case "hours", "hour", "hr", "h" -> 3_600e9;
            case "minutes", "minute", "min" -> 60e9;
            case "seconds", "second", "sec", "s" -> 1e9;
            case "milliseconds", "millisecond", "ms" -> 1e6;
            case "microseconds", "microsecond", "us" -> 1e3;
            case "nanoseconds", "nanosecond", "ns" -> 1;
            default -> throw new NotReadable("time units '" + units + "' are not decoded: '" + unit
                    + "' is not days, hours, minutes, seconds, milliseconds, microseconds or nanoseconds");
        };
    }

    private static Instant reference(String date, String time, String zone, String units) throws NotReadable {
        try {
            String offset = zone == null ? "" : zone.equals("UTC") || zone.equals("Z") ? "Z" : zone;
            if (time == null) {
                if (date.contains("T")) {
                    return date.endsWith("Z") || date.matches(".*[+-]\\d\\d:?\\d\\d$") ? OffsetDateTime.parse(date).toInstant()
                            : LocalDateTime.parse(date).toInstant(ZoneOffset.UTC);
                }
                return LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            LocalDateTime local = LocalDateTime.parse(date + "T" + (time.length() == 5 ? time + ":00" : time));
            return offset.isEmpty() || offset.equals("Z") ? local.toInstant(ZoneOffset.UTC)
                    : local.toInstant(ZoneOffset.of(offset.length() == 3 ? offset + ":00" : offset));
        } catch (java.time.DateTimeException e) {
            throw new NotReadable("time units '" + units + "': the reference date does not parse");
        }
    }
}
