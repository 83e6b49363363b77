package io.patchserve.stats;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.GroupRaster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An item's decoded bands and its split (null when the release has none), for the collection's statistics. Groups
 * with a time axis are not counted (yet): statistics over time, masked pixels excluded, are to come, and the
 * stored-data side of the ledger ({@code crop.StoredItemPixels}) leaves them out alike.
 */
public record ItemPixels(String split, List<GroupRaster> groups) {

    public ItemPixels {
        groups = groups.stream().filter(g -> !g.group().timed()).toList();
    }

    /**
     * Min and max of the valid pixels of each band whose histogram is binned (any type but 8- and 16-bit
     * integers): band -> [min, max], kept with the item, so that when it leaves holding a collection's extreme the
     * next one is found among the items that remain.
     */
    public Map<String, double[]> binnedExtremes() {
        Map<String, double[]> out = new TreeMap<>();
        for (GroupRaster g : groups) {
            for (int b = 0; b < g.bands().size(); b++) {
                Band band = g.bands().get(b);
                if (band.dataType().smallInteger()) {
                    continue;
                }
                BandArray pixels = g.arrays().get(b);
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (int i = 0, n = pixels.length(); i < n; i++) {
                    double v = pixels.get(i);
                    if (!Double.isNaN(v) && !band.isNodata(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                if (min <= max) {
                    out.put(band.name(), new double[]{min, max});
                }
            }
        }
        return out;
    }
}
