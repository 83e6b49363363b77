package io.patchserve.ingest.smcefr;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sentinel-3 OLCI product name as SMCEFR uses it for file names, per the Sentinel-3 naming convention:
 * {@code MMM_OL_L_TTTTTT_<start>_<stop>_<created>_<duration>_<cycle>_<orbit>_<frame>_<centre>_<P>_<XX>_<baseline>},
 * e.g. {@code S3A_OL_1_EFR____20211230T134025_20211230T134325_20211231T184123_0179_080_181_2700_LN1_O_NT_002}.
 */
public record SmcefrProductName(String name, String mission, String productType, Instant start, Instant stop,
                                Instant created, int durationSeconds, int cycle, int relativeOrbit, int frame,
                                String centre, String platformClass, String timeliness, String baseline) {

    private static final Pattern NAME = Pattern.compile(
            "(S3[AB])_(OL_[0-2]_[A-Z_]{6})_(\\d{8}T\\d{6})_(\\d{8}T\\d{6})_(\\d{8}T\\d{6})"
                    + "_(\\d{4})_(\\d{3})_(\\d{3})_(\\d{4})_([A-Z0-9_]{3})_([OFDR])_(NR|ST|NT)_(\\d{3})");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);

    public static class InvalidNameException extends Exception {
        public InvalidNameException(String message) {
            super(message);
        }
    }

    public static SmcefrProductName parse(String name) throws InvalidNameException {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new InvalidNameException("'" + name + "' is not a Sentinel-3 OLCI product name "
                    + "(expected e.g. S3A_OL_1_EFR____20211230T134025_20211230T134325_20211231T184123_0179_080_181_2700_LN1_O_NT_002)");
        }
        Instant start = time(m.group(3), "sensing start");
        Instant stop = time(m.group(4), "sensing stop");
        if (stop.isBefore(start)) {
            throw new InvalidNameException("'" + name + "': sensing stop " + stop + " is before sensing start " + start);
        }
        return new SmcefrProductName(name, m.group(1), m.group(2), start, stop, time(m.group(5), "creation time"),
                Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)),
                Integer.parseInt(m.group(9)), m.group(10), m.group(11), m.group(12), m.group(13));
    }

    private static Instant time(String text, String what) throws InvalidNameException {
        try {
            return LocalDateTime.parse(text, TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidNameException(what + " '" + text + "' is not a valid date and time");
        }
    }

    /** STAC platform name, e.g. sentinel-3a. */
    public String platform() {
        return "sentinel-3" + mission.substring(2).toLowerCase(Locale.ROOT);
    }

    /** Processing level digit of the product type (OL_1_... is level 1). */
    public String processingLevel() {
        return "L" + productType.charAt(3);
    }

    /** The middle of the sensing interval: the item's representative datetime. */
    public Instant midpoint() {
        return start.plusMillis((stop.toEpochMilli() - start.toEpochMilli()) / 2);
    }

    public String timelinessName() {
        return switch (timeliness) {
            case "NR" -> "near-real-time";
            case "ST" -> "short-time-critical";
            default -> "non-time-critical";
        };
    }
}
