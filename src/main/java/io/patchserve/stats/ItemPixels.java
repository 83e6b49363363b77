package io.patchserve.stats;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.GroupRaster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An item's decoded bands and its split (null when the release has none), for the collection's statistics: bands
 * over time count every step, and pixels their group's mask marks are left out ({@link BandSeries}), as the
 * stored-data side of the ledger ({@code crop.StoredItemPixels}) reads them back.
 */
public record ItemPixels(String split, List<GroupRaster> groups) {

    /** Each band over its steps with its mask. */
    public List<BandSeries> bands() {
        return BandSeries.of(groups);
    }

    /**
     * Min and max of the valid pixels of each band whose histogram is binned (any type but 8- and 16-bit
     * integers): band -> [min, max], kept with the item, so that when it leaves holding a collection's extreme the
     * next one is found among the items that remain.
     */
    public Map<String, double[]> binnedExtremes() {
        Map<String, double[]> out = new TreeMap<>();
        for (BandSeries series : bands()) {
            Band band = series.band();
            if (band.dataType().smallInteger()) {
                continue;
            }
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < series.steps().size(); t++) {
                BandArray pixels = series.steps().get(t);
                BandArray mask = series.masks() == null ? null : series.masks().get(t);
                for (int i = 0, n = pixels.length(); i < n; i++) {
                    double v = pixels.get(i);
                    if (!Double.isNaN(v) && !band.isNodata(v) && (mask == null || mask.get(i) == 0)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (min <= max) {
                out.put(band.name(), new double[]{min, max});
            }
        }
        return out;
    }
}
