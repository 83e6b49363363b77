package io.patchserve.ingest.worldstrat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WorldStrat's two tables at the release root, as pandas writes them (an unnamed index column first):
 * {@code metadata.csv}, indexed by area, one row per area and revisit ({@code n}, {@code lon}, {@code lat},
 * {@code lowres_date}, {@code highres_date}, ...), and {@code stratified_train_val_test_split.csv} ({@code tile},
 * {@code IPCC Class}, {@code SMOD}, {@code source}, {@code joint_class}, {@code split}). Either may be absent: the
 * area is then skipped for want of dates (metadata) or served without a split and classes.
 */
final class WorldStratRelease {

    static final String METADATA = "metadata.csv";
    static final String SPLITS = "stratified_train_val_test_split.csv";

    /** One metadata row: a revisit of an area. */
    record Revisit(int n, Double lon, Double lat, Instant lowResDate, String highResDate) {
    }

    /** One split row: the area's stratification. */
    record Stratum(String ipccClass, String smod, String source, String jointClass, String split) {
    }

    /** Area -> revisit number -> row. */
    private final Map<String, Map<Integer, Revisit>> revisits;
    private final Map<String, Stratum> strata;
    /** Rows that could not be read, per area: the reason the area is skipped. */
    private final Map<String, String> unreadable;

    private WorldStratRelease(Map<String, Map<Integer, Revisit>> revisits, Map<String, Stratum> strata,
                              Map<String, String> unreadable) {
        this.revisits = revisits;
        this.strata = strata;
        this.unreadable = unreadable;
    }

    static WorldStratRelease read(Path root) throws IOException {
        Map<String, Map<Integer, Revisit>> revisits = new HashMap<>();
        Map<String, String> unreadable = new HashMap<>();
        Path metadata = root.resolve(METADATA);
        if (Files.isRegularFile(metadata)) {
            for (Map<String, String> row : rows(metadata)) {
                String area = row.isEmpty() ? null : row.values().iterator().next(); // the index: the area, however named
                if (area == null || area.isBlank()) {
                    continue;
                }
                try {
                    Revisit r = new Revisit(Integer.parseInt(row.getOrDefault("n", "").trim()), number(row.get("lon")),
                            number(row.get("lat")), instant(row.get("lowres_date")), blankToNull(row.get("highres_date")));
                    revisits.computeIfAbsent(area, a -> new TreeMap<>()).put(r.n(), r);
                } catch (NumberFormatException | DateTimeParseException e) {
                    unreadable.putIfAbsent(area, METADATA + ": a row of the area cannot be read (n '" + row.get("n")
                            + "', lowres_date '" + row.get("lowres_date") + "'): " + e.getMessage());
                }
            }
        }
        Map<String, Stratum> strata = new HashMap<>();
        Path splits = root.resolve(SPLITS);
        if (Files.isRegularFile(splits)) {
            for (Map<String, String> row : rows(splits)) {
                String tile = blankToNull(row.get("tile"));
                if (tile != null) {
                    strata.put(tile, new Stratum(blankToNull(row.get("IPCC Class")), blankToNull(row.get("SMOD")),
                            blankToNull(row.get("source")), blankToNull(row.get("joint_class")), blankToNull(row.get("split"))));
                }
            }
        }
        return new WorldStratRelease(revisits, strata, unreadable);
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(csv.toFile())) {
            return it.readAll();
        }
    }

    /** The area's revisit rows by number, empty when metadata.csv has none. */
    Map<Integer, Revisit> revisits(String area) {
        return revisits.getOrDefault(area, Map.of());
    }

    /** Why the area's metadata cannot be used, or null. */
    String unreadable(String area) {
        return unreadable.get(area);
    }

    Stratum stratum(String area) {
        return strata.get(area);
    }

    private static Double number(String text) {
        return text == null || text.isBlank() ? null : Double.valueOf(text.trim());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** pandas' spellings of a time: a date, "YYYY-MM-DD HH:MM:SS[.f][+00:00]", or ISO 8601 with T; UTC when unzoned. */
    private static final DateTimeFormatter PANDAS = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw new DateTimeParseException("no date", "", 0);
        }
        var parsed = PANDAS.parse(text.trim());
        LocalDate date = LocalDate.from(parsed);
        LocalDateTime local = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                ? LocalDateTime.of(date, java.time.LocalTime.from(parsed)) : date.atStartOfDay();
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
        return OffsetDateTime.of(local, offset).toInstant();
    }
}
