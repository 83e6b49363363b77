package io.patchserve.stats;

import io.patchserve.http.ReleaseIds;
import io.patchserve.catalog.ItemStore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.raster.DataType;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** The band_statistics table: merge a run's statistics in, read a collection's out. */
@ApplicationScoped
public class StatisticsStore {

    private final AgroalDataSource dataSource;
    private final ItemStore items;
    private final ObjectMapper mapper;

    public StatisticsStore(AgroalDataSource dataSource, ItemStore items, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.items = items;
        this.mapper = mapper;
    }

    /**
     * One stored row: a band of a split. Computed rows carry their accumulator; provided rows only values (and no
     * percentiles or histogram).
     */
    public record Row(String split, String band, DataType dataType, String source, Long items, Long count, double mean,
                      double std, double min, double max, Double p2, Double p98, Histogram histogram) {
    }

    /**
     * Adds a run's statistics to what is stored and marks the items it counted, in one transaction (so that an
     * item is counted exactly once, whatever stops when); rows are locked while merging, so shards finishing at the
     * same moment both count.
     */
    public void merge(String collectionId, RunStatistics run, UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                items.markCounted(c, collectionId, runId);
                for (var split : run.snapshot().entrySet()) {
                    for (var band : split.getValue().entrySet()) {
                        BandAccumulator stored = load(c, collectionId, split.getKey(), band.getKey(), band.getValue().type());
                        BandAccumulator total = stored != null ? stored : new BandAccumulator(band.getValue().type());
                        total.merge(band.getValue());
                        if (total.count() > 0) { // a band with no valid pixel yet has nothing to say
                            save(c, collectionId, split.getKey(), band.getKey(), total);
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Takes an item's pixels ({@code bands}: band -> what they add) out of the collection's computed statistics,
     * whole-collection and its split's, on the caller's connection (the transaction that deletes or replaces the
     * item's row). Rows are locked in the order {@link #merge} locks them, so the two never wait on each other;
     * rows holding a release's own statistics are left as published; a row left without pixels goes.
     */
    public void subtract(Connection c, String collectionId, String itemId, String split,
                         Map<String, BandAccumulator> bands) throws SQLException {
        List<String> splits = split == null ? List.of(RunStatistics.ALL) : List.of(RunStatistics.ALL, split);
        for (String s : splits) {
            for (var band : new TreeMap<>(bands).entrySet()) {
                BandAccumulator part = band.getValue();
                BandAccumulator total = load(c, collectionId, s, band.getKey(), part.type());
                if (total == null) {
                    continue;
                }
                total.subtract(part);
                if (total.count() == 0) {
                    delete(c, collectionId, s, band.getKey());
                    continue;
                }
                if (!part.type().smallInteger() && total.extremesLost(part)) {
                    double[] extremes = remainingExtremes(c, collectionId, itemId, s, band.getKey());
                    total.extremes(extremes[0], extremes[1]);
                }
                save(c, collectionId, s, band.getKey(), total);
            }
        }
    }

    /** The least minimum and greatest maximum of a band among the counted items other than {@code itemId}. */
    private static double[] remainingExtremes(Connection c, String collectionId, String itemId, String split, String band)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT min((stats_extremes -> ? ->> 0)::float8), max((stats_extremes -> ? ->> 1)::float8) FROM item
                WHERE collection_id = ? AND stats_counted AND id <> ? AND (? = '' OR split = ?)""")) {
            s.setString(1, band);
            s.setString(2, band);
            s.setString(3, collectionId);
            s.setString(4, itemId);
            s.setString(5, split);
            s.setString(6, split);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new double[]{r.getDouble(1), r.getDouble(2)};
            }
        }
    }

    /** The computed row of a band of a split, locked for update; null when there is none. */
    private static BandAccumulator load(Connection c, String collectionId, String split, String band, DataType type)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT items, count, mean, m2, min, max, hist_keys, hist_counts FROM band_statistics
                WHERE collection_id = ? AND split = ? AND band = ? AND source = 'computed' FOR UPDATE""")) {
            s.setString(1, collectionId);
            s.setString(2, split);
            s.setString(3, band);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Long items = (Long) r.getObject(1);
                Integer[] keys = (Integer[]) r.getArray(7).getArray();
                Long[] counts = (Long[]) r.getArray(8).getArray();
                return BandAccumulator.restore(type, items == null ? BandAccumulator.UNKNOWN_ITEMS : items,
                        r.getLong(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6),
                        java.util.Arrays.stream(keys).mapToInt(Integer::intValue).toArray(),
                        java.util.Arrays.stream(counts).mapToLong(Long::longValue).toArray());
            }
        }
    }

    private static void delete(Connection c, String collectionId, String split, String band) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM band_statistics WHERE collection_id = ? AND split = ? AND band = ? AND source = 'computed'")) {
            s.setString(1, collectionId);
            s.setString(2, split);
            s.setString(3, band);
            s.executeUpdate();
        }
    }

    private void save(Connection c, String collectionId, String split, String band, BandAccumulator a)
            throws SQLException {
        int[] keys = a.histogramKeys();
        long[] counts = a.histogramCounts(keys);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO band_statistics (collection_id, split, band, data_type, source, count, mean, m2, std, min, max,
                                             p2, p98, hist_keys, hist_counts, items, histogram, updated)
                VALUES (?, ?, ?, ?, 'computed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())
                ON CONFLICT (collection_id, split, band) DO UPDATE SET data_type = excluded.data_type,
                    source = excluded.source, items = excluded.items, count = excluded.count, mean = excluded.mean, m2 = excluded.m2,
                    std = excluded.std, min = excluded.min, max = excluded.max, p2 = excluded.p2, p98 = excluded.p98,
                    hist_keys = excluded.hist_keys, hist_counts = excluded.hist_counts, histogram = excluded.histogram,
                    updated = now()""")) {
            s.setString(1, collectionId);
            s.setString(2, split);
            s.setString(3, band);
            s.setString(4, a.type().id());
            s.setLong(5, a.count());
            s.setDouble(6, a.mean());
            s.setDouble(7, a.m2());
            s.setDouble(8, a.std());
            s.setDouble(9, a.min());
            s.setDouble(10, a.max());
            s.setDouble(11, a.percentile(2));
            s.setDouble(12, a.percentile(98));
            Array keyArray = c.createArrayOf("integer", java.util.Arrays.stream(keys).boxed().toArray());
            Array countArray = c.createArrayOf("bigint", java.util.Arrays.stream(counts).boxed().toArray());
            s.setArray(13, keyArray);
            s.setArray(14, countArray);
            if (a.items() == BandAccumulator.UNKNOWN_ITEMS) {
                s.setNull(15, java.sql.Types.BIGINT);
            } else {
                s.setLong(15, a.items());
            }
            s.setString(16, histogramJson(Histogram.of(a)));
            s.executeUpdate();
        }
    }

    /**
     * Replaces the collection's whole-collection rows of the bands a release has statistics for with those, and
     * keeps its per-kind sets and the file as published.
     */
    public void saveProvided(String collectionId, ProvidedStatistics provided) throws SQLException, JsonProcessingException {
        Map<String, Map<String, Map<String, Object>>> variants = new LinkedHashMap<>();
        provided.variants().forEach((value, bands) -> {
            Map<String, Map<String, Object>> out = variants.computeIfAbsent(value, v -> new LinkedHashMap<>());
            bands.forEach((band, v) -> out.put(band, v.asDocument(provided.source())));
        });
        String variantsJson = mapper.writeValueAsString(variants);
        try (Connection c = dataSource.getConnection();
             PreparedStatement file = c.prepareStatement("""
                     INSERT INTO provided_statistics (collection_id, source, selector, variants, document, updated)
                     VALUES (?, ?, ?, ?::json, ?::json, now())
                     ON CONFLICT (collection_id) DO UPDATE SET source = excluded.source, selector = excluded.selector,
                         variants = excluded.variants, document = excluded.document, updated = now()""");
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO band_statistics (collection_id, split, band, data_type, source, mean, std, min, max, updated)
                     VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, now())
                     ON CONFLICT (collection_id, split, band) DO UPDATE SET data_type = excluded.data_type,
                         source = excluded.source, count = NULL, mean = excluded.mean, m2 = NULL, std = excluded.std,
                         min = excluded.min, max = excluded.max, p2 = NULL, p98 = NULL, hist_keys = NULL,
                         hist_counts = NULL, histogram = NULL, updated = now()""")) {
            c.setAutoCommit(false);
            try {
                writeProvided(collectionId, provided, variantsJson, file, s);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void writeProvided(String collectionId, ProvidedStatistics provided, String variantsJson,
                                      PreparedStatement file, PreparedStatement s) throws SQLException {
        for (var e : provided.bands().entrySet()) {
            ProvidedStatistics.Values v = e.getValue();
            s.setString(1, collectionId);
            s.setString(2, e.getKey());
            s.setString(3, v.dataType().id());
            s.setString(4, provided.source());
            s.setDouble(5, v.mean());
            s.setDouble(6, v.std());
            s.setDouble(7, v.min());
            s.setDouble(8, v.max());
            s.addBatch();
        }
        s.executeBatch();
        file.setString(1, collectionId);
        file.setString(2, provided.source());
        file.setString(3, provided.selector());
        file.setString(4, variantsJson);
        file.setString(5, provided.document());
        file.executeUpdate();
    }

    /** A release's per-kind statistics: the selecting property, and its values' band sets (value -> band -> values). */
    public record Variants(String source, String selector, Map<String, Object> byValue) {
    }

    public Optional<Variants> variants(String collectionId) throws SQLException, JsonProcessingException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT source, selector, variants::text FROM provided_statistics WHERE collection_id = ? AND selector IS NOT NULL")) {
            s.setString(1, collectionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> byValue = mapper.readValue(r.getString(3), LinkedHashMap.class);
                return Optional.of(new Variants(r.getString(1), r.getString(2), byValue));
            }
        }
    }

    /** The statistics file a release was published with, as it was (absent when it had none). */
    public Optional<String> providedDocument(String collectionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT document::text FROM provided_statistics WHERE collection_id = ?")) {
            s.setString(1, collectionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    public List<Row> rows(String collectionId) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT split, band, data_type, source, items, count, mean, std, min, max, p2, p98, histogram::text
                     FROM band_statistics WHERE collection_id = ? ORDER BY split, band""")) {
            s.setString(1, collectionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    DataType type = DataType.of(r.getString(3));
                    String source = r.getString(4);
                    Histogram histogram = r.getString(13) == null ? null : parseHistogram(r.getString(13));
                    if (histogram == null && source.equals("computed")) {
                        histogram = histogramOfOlderRow(collectionId, r.getString(1), r.getString(2), type);
                    }
                    out.add(new Row(r.getString(1), r.getString(2), type, source,
                            (Long) r.getObject(5), (Long) r.getObject(6), r.getDouble(7), r.getDouble(8), r.getDouble(9),
                            r.getDouble(10), (Double) r.getObject(11), (Double) r.getObject(12), histogram));
                }
            }
        }
        return out;
    }

    /**
     * A row written before histograms were kept (V17) gets its histogram from its exact one, once; a release's
     * row, which is never written again, gets it on every read.
     */
    private Histogram histogramOfOlderRow(String collectionId, String split, String band, DataType type) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                BandAccumulator stored = load(c, collectionId, split, band, type);
                Histogram histogram = stored == null ? null : Histogram.of(stored);
                if (histogram != null && !ReleaseIds.isRelease(collectionId)) {
                    try (PreparedStatement s = c.prepareStatement("""
                            UPDATE band_statistics SET histogram = ?::jsonb
                            WHERE collection_id = ? AND split = ? AND band = ? AND source = 'computed'""")) {
                        s.setString(1, histogramJson(histogram));
                        s.setString(2, collectionId);
                        s.setString(3, split);
                        s.setString(4, band);
                        s.executeUpdate();
                    }
                }
                c.commit();
                return histogram;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private String histogramJson(Histogram h) {
        if (h == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(h.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a histogram is plain numbers", e);
        }
    }

    private Histogram parseHistogram(String json) throws SQLException {
        try {
            com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(json);
            long[] buckets = new long[node.path("buckets").size()];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = node.path("buckets").get(i).asLong();
            }
            return new Histogram(node.path("min").asDouble(), node.path("max").asDouble(), buckets);
        } catch (JsonProcessingException e) {
            throw new SQLException("band_statistics.histogram is not JSON", e);
        }
    }
}
