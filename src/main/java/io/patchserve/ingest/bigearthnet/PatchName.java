package io.patchserve.ingest.bigearthnet;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BigEarthNet-S2 v1 patch folder name: {@code S2A_MSIL2A_20170613T101031_0_45} = platform, product level,
 * sensing start, and the patch's column and row in its tile. Some names drop the hour's leading zero
 * ({@code T93032} = 09:30:32); both forms parse.
 */
public record PatchName(String name, String platform, Instant sensingStart, int column, int row) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);
    private static final Pattern PATTERN = Pattern.compile("(S2[AB])_MSIL2A_(\\d{8})T(\\d{5,6})_(\\d+)_(\\d+)");

    public static PatchName parse(String name) throws InvalidNameException {
        Matcher m = PATTERN.matcher(name);
        if (!m.matches()) {
            throw new InvalidNameException("'" + name + "' is not a BigEarthNet-S2 patch name (S2A_MSIL2A_YYYYMMDDTHHMMSS_C_R)");
        }
        String time = m.group(3).length() == 5 ? "0" + m.group(3) : m.group(3);
        try {
            LocalDate date = LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE);
            LocalTime clock = LocalTime.parse(time, CLOCK);
            return new PatchName(name, m.group(1).equals("S2A") ? "sentinel-2a" : "sentinel-2b",
                    LocalDateTime.of(date, clock).toInstant(ZoneOffset.UTC),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidNameException("'" + name + "' has an invalid date or time: " + e.getMessage());
        }
    }

    public static final class InvalidNameException extends Exception {
        public InvalidNameException(String message) {
            super(message);
        }
    }
}
