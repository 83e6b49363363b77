package io.patchserve.stats;

import io.patchserve.raster.DataType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics a release ships with, per band: MMEarth's band_stats.json has mean, std, min and max per
 * modality band, computed by its publishers over the whole dataset. Some bands have one set per kind of item
 * rather than one for all: MMEarth's Sentinel-2 statistics are {@code sentinel2_l1c} and {@code sentinel2_l2a},
 * and a row is normalised with the set its product type names. Those are {@code variants}, chosen by the item
 * property {@code selector}.
 *
 * @param bands    band name -> values that hold for every item
 * @param selector the item property whose value picks a variant (null when there are none)
 * @param variants selector value -> band name -> values
 * @param source   where they come from, shown to users
 * @param document the statistics file as published, kept for exports in the release's own layout
 */
public record ProvidedStatistics(Map<String, Values> bands, String selector, Map<String, Map<String, Values>> variants,
                                 String source, String document) {

    public ProvidedStatistics {
        if (!variants.isEmpty() && selector == null) {
            throw new IllegalArgumentException("variants need the item property that selects them");
        }
    }

    public record Values(DataType dataType, double mean, double std, double min, double max) {

        /** As the statistics document shows a band. */
        public Map<String, Object> asDocument(String source) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("data_type", dataType.id());
            v.put("source", source);
            v.put("mean", mean);
            v.put("std", std);
            v.put("min", min);
            v.put("max", max);
            return v;
        }
    }
}
