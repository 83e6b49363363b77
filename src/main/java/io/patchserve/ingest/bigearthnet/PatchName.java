package io.patchserve.ingest.bigearthnet;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BigEarthNet-S2 v1 patch folder name: {@code S2A_MSIL2A_20170613T101031_0_45} = platform, product level,
 * sensing start, and the patch's column and row in its tile. The release writes some names without the hour's
 * leading zero ({@code T93032} = 09:30:32) and 13,599 with seconds 60 or 61 ({@code T94160}: the product's
 * sensing start was 09:41:59.027, rounded up); every released form parses, and seconds past 59 clamp to 59 as
 * the BigEarthNet v2 pipeline does. The name itself is kept as written: it is the item id.
 */
public record PatchName(String name, String platform, Instant sensingStart, int column, int row) {

    private static final Pattern PATTERN = Pattern.compile("(S2[AB])_MSIL2A_(\\d{8})T(\\d{5,6})_(\\d+)_(\\d+)");

    public static PatchName parse(String name) throws InvalidNameException {
        Matcher m = PATTERN.matcher(name);
        if (!m.matches()) {
            throw new InvalidNameException("'" + name + "' is not a BigEarthNet-S2 patch name (S2A_MSIL2A_YYYYMMDDTHHMMSS_C_R)");
        }
        String time = m.group(3).length() == 5 ? "0" + m.group(3) : m.group(3);
        try {
            LocalDate date = LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE);
            Instant start = utc(date, Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
                    Integer.parseInt(time.substring(4, 6)));
            return new PatchName(name, m.group(1).equals("S2A") ? "sentinel-2a" : "sentinel-2b", start,
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidNameException("'" + name + "' has an invalid date or time: " + e.getMessage());
        }
    }

    /**
     * A time of day as BigEarthNet v1 writes it (in names and in acquisition_date): seconds 60 and 61 occur and
     * clamp to 59; anything else out of range is refused.
     */
    static Instant utc(LocalDate date, int hour, int minute, int second) {
        if (second == 60 || second == 61) {
            second = 59;
        }
        return LocalDateTime.of(date, LocalTime.of(hour, minute, second)).toInstant(ZoneOffset.UTC);
    }

    public static final class InvalidNameException extends Exception {
        public InvalidNameException(String message) {
            super(message);
        }
    }
}
