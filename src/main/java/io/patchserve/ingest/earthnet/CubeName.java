package io.patchserve.ingest.earthnet;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EarthNet cube's name, {@code <MGRS tile>_<start>_<end>_<hr x/y min/max>_<meso x/y min/max>}, as both
 * generations name their files (EarthNet2021's test files prefix it with {@code context_} or {@code target_}).
 * The offsets are pixels of the tile's 20 m grid; the name carries no CRS, so they are kept as properties only.
 */
record CubeName(String cube, String tile, LocalDate start, LocalDate end, String role) {

    private static final Pattern NAME = Pattern.compile(
            "(?:(context|target)_)?((\\d{2}[A-Z]{3})_(\\d{4}-\\d{2}-\\d{2})_(\\d{4}-\\d{2}-\\d{2})(?:_\\d+)*)");

    /** Parses a file name without its extension; null when it is not an EarthNet cube name. */
    static CubeName parse(String stem) {
        Matcher m = NAME.matcher(stem);
        if (!m.matches()) {
            return null;
        }
        try {
            return new CubeName(m.group(2), m.group(3), LocalDate.parse(m.group(4)), LocalDate.parse(m.group(5)), m.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The hr/meso pixel offsets the name ends with, in name order. */
    long[] offsets() {
        String[] parts = cube.split("_");
        long[] out = new long[Math.max(0, parts.length - 3)];
        for (int i = 3; i < parts.length; i++) {
            out[i - 3] = Long.parseLong(parts[i]);
        }
        return out;
    }
}
