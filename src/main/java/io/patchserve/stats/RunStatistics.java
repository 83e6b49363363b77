package io.patchserve.stats;

import io.patchserve.raster.Band;
import io.patchserve.raster.GroupRaster;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statistics one ingest run adds to its collection: per split (and for the whole collection, split
 * {@link #ALL}) and band. Workers add published items concurrently; the run merges the result into the store
 * once, at its end.
 */
public final class RunStatistics {

    /** The split key that stands for every item. */
    public static final String ALL = "";

    private final Map<String, Map<String, BandAccumulator>> bySplit = new ConcurrentHashMap<>();

    public void add(ItemPixels pixels) {
        for (BandSeries series : pixels.bands()) {
            Band band = series.band();
            BandAccumulator all = accumulator(ALL, band);
            // Locks are always taken whole-collection first, then the split: no two workers wait on each other.
            synchronized (all) {
                if (pixels.split() == null) {
                    BandAccumulator.addSeries(series.steps(), series.masks(), band, all);
                } else {
                    BandAccumulator split = accumulator(pixels.split(), band);
                    synchronized (split) {
                        BandAccumulator.addSeries(series.steps(), series.masks(), band, all, split);
                    }
                }
            }
        }
    }

    private BandAccumulator accumulator(String split, Band band) {
        return bySplit.computeIfAbsent(split, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(band.name(), b -> new BandAccumulator(band.dataType()));
    }

    /**
     * Forgets the whole-collection totals of {@code bands} (a release's own statistics stand for them), keeping
     * the per-split ones and the whole-collection totals of every other band.
     */
    public void dropWholeCollection(java.util.Set<String> bands) {
        var all = bySplit.get(ALL);
        if (all != null) {
            all.keySet().removeAll(bands);
            if (all.isEmpty()) {
                bySplit.remove(ALL);
            }
        }
    }

    public boolean isEmpty() {
        return bySplit.isEmpty();
    }

    /** split -> band -> accumulator, sorted. */
    public Map<String, Map<String, BandAccumulator>> snapshot() {
        Map<String, Map<String, BandAccumulator>> out = new TreeMap<>();
        bySplit.forEach((split, bands) -> out.put(split, new TreeMap<>(bands)));
        return out;
    }
}
