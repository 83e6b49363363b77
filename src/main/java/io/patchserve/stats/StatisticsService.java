package io.patchserve.stats;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.patchserve.catalog.CatalogService;
import io.patchserve.config.CacheConfig;
import io.patchserve.error.ApiException;
import io.patchserve.raster.Band;
import io.patchserve.raster.DataType;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A collection's band statistics as users read them, and the default rescale ranges crops use. */
@ApplicationScoped
public class StatisticsService {

    private final StatisticsStore store;
    private final CatalogService catalog;
    private final io.patchserve.catalog.RasterModels models;
    /** Statistics change when a run ends or an item leaves, rarely: crops' default ranges may come from a recent copy. */
    private final LoadingCache<String, List<StatisticsStore.Row>> forCrops;

    public StatisticsService(StatisticsStore store, CatalogService catalog, io.patchserve.catalog.RasterModels models,
                             CacheConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.models = models;
        this.forCrops = Caffeine.newBuilder()
                .expireAfterWrite(config.statisticsTtl())
                .maximumSize(config.maxCollections())
                .build(this::read);
    }

    /** The statistics document of {@code GET /collections/{id}/statistics}. */
    public Map<String, Object> document(String collectionId) {
        catalog.collection(collectionId);
        Map<String, Object> bands = new LinkedHashMap<>();
        Map<String, Map<String, Object>> splits = new LinkedHashMap<>();
        // bands in the collection's order (the order of its eo:bands, the item files and the stacks), not the database's
        List<String> order = models.of(collectionId).map(io.patchserve.raster.RasterModel::bandNames).orElse(List.of());
        List<StatisticsStore.Row> rows = new java.util.ArrayList<>(read(collectionId));
        rows.sort(java.util.Comparator.comparingInt((StatisticsStore.Row r) -> {
            int i = order.indexOf(r.band());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(StatisticsStore.Row::band));
        for (StatisticsStore.Row row : rows) {
            Map<String, Object> values = values(row);
            if (row.split().equals(RunStatistics.ALL)) {
                bands.put(row.band(), values);
            } else {
                splits.computeIfAbsent(row.split(), s -> new LinkedHashMap<>()).put(row.band(), values);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("collection", collectionId);
        doc.put("bands", bands);
        doc.put("splits", splits);
        // per-kind sets a release ships (MMEarth: Sentinel-2 statistics for L1C rows and for L2A rows)
        variants(collectionId).ifPresent(v -> doc.put("by_property", Map.of(v.selector(), v.byValue())));
        return doc;
    }

    private static Map<String, Object> values(StatisticsStore.Row row) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("data_type", row.dataType().id());
        v.put("source", row.source());
        if (row.items() != null) {
            v.put("items", row.items());
        }
        if (row.count() != null) {
            v.put("count", row.count());
        }
        v.put("mean", row.mean());
        v.put("std", row.std());
        v.put("min", row.min());
        v.put("max", row.max());
        if (row.p2() != null) {
            v.put("p2", row.p2());
            v.put("p98", row.p98());
        }
        if (row.histogram() != null) {
            v.put("histogram", row.histogram().document());
        }
        return v;
    }

    /**
     * The range a crop maps to 0..255 when the request gives none: the 2nd to 98th percentile of the whole
     * collection; mean ± 2 std within min..max for provided statistics that have no percentiles; the type's own
     * range when nothing is known (identity for uint8).
     */
    public double[] defaultRange(String collectionId, Band band) {
        if (band.dataType() == DataType.UINT8) {
            return new double[]{0, 255};
        }
        for (StatisticsStore.Row row : forCrops.get(collectionId)) {
            if (row.split().equals(RunStatistics.ALL) && row.band().equals(band.name())) {
                if (row.p2() != null && row.p98() > row.p2()) {
                    return new double[]{row.p2(), row.p98()};
                }
                double low = Math.max(row.min(), row.mean() - 2 * row.std());
                double high = Math.min(row.max(), row.mean() + 2 * row.std());
                if (high > low) {
                    return new double[]{low, high};
                }
            }
        }
        DataType t = band.dataType();
        return t.floating() ? new double[]{0, 1} : new double[]{t.minValue(), t.maxValue()};
    }

    private java.util.Optional<StatisticsStore.Variants> variants(String collectionId) {
        try {
            return store.variants(collectionId);
        } catch (SQLException | java.io.IOException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    private List<StatisticsStore.Row> read(String collectionId) {
        try {
            return store.rows(collectionId);
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }
}
