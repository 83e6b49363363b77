package io.patchserve.stats;

import io.patchserve.raster.DataType;

import java.util.Map;

/**
 * Statistics a release ships with, per band: MMEarth's band_stats.json has mean, std, min and max per
 * modality band, computed by its publishers over the whole dataset.
 *
 * @param bands band name -> values
 * @param source where they come from, shown to users
 */
public record ProvidedStatistics(Map<String, Values> bands, String source) {

    public record Values(DataType dataType, double mean, double std, double min, double max) {
    }
}
