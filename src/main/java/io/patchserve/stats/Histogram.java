package io.patchserve.stats;

import java.util.Arrays;

/**
 * A band's coarse histogram for people, in GDAL's form (as {@code gdalinfo -json} and the STAC raster extension
 * write it): {@code count} equal buckets from {@code min} to {@code max}. The buckets span the 0.5th to 99.5th
 * percentile, so one outlier does not squeeze the distribution into a single bucket; the pixels outside are
 * counted in the first and last bucket (GDAL's "include out of range"), so the buckets sum to the band's count.
 * For 8- and 16-bit integers each bucket holds the same whole number of values (edges at half-integers), so an
 * integer band shows no comb of alternately fuller buckets. Derived from the exact histogram the statistics keep;
 * a value is placed by the rule numpy's {@code histogram} uses (equal-width edges, {@code lo + i * width}; a
 * value on an edge goes to the bucket above, the last edge belongs to the last bucket).
 */
public record Histogram(double min, double max, long[] buckets) {

    static final int BUCKETS = 64;

    public int count() {
        return buckets.length;
    }

    /** GDAL's JSON form: {@code {count, min, max, buckets}}. */
    public java.util.Map<String, Object> document() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("count", count());
        out.put("min", min);
        out.put("max", max);
        out.put("buckets", buckets);
        return out;
    }

    /** The histogram of what {@code a} has counted; null when it has counted nothing. */
    static Histogram of(BandAccumulator a) {
        if (a.count() == 0) {
            return null;
        }
        double low = a.percentile(0.5), high = a.percentile(99.5);
        double min, max;
        int n;
        if (a.type().smallInteger()) {
            long first = (long) Math.floor(low), last = (long) Math.ceil(high);
            long values = last - first + 1;
            long perBucket = (values + BUCKETS - 1) / BUCKETS;
            n = (int) ((values + perBucket - 1) / perBucket);
            min = first - 0.5;
            max = min + n * perBucket;
        } else {
            if (!(high > low)) {
                low = a.min();
                high = a.max();
            }
            n = high > low ? BUCKETS : 1;
            min = high > low ? low : low - 0.5;
            max = high > low ? high : low + 0.5;
        }
        // numpy.linspace's edges: i * step + start, the last one the stop itself
        double step = (max - min) / n;
        double[] edges = new double[n + 1];
        for (int i = 0; i < n; i++) {
            edges[i] = i * step + min;
        }
        edges[n] = max;
        long[] buckets = new long[n];
        int[] keys = a.histogramKeys();
        long[] counts = a.histogramCounts(keys);
        for (int i = 0; i < keys.length; i++) {
            buckets[bucket(HistogramKeys.value(a.type(), keys[i]), edges)] += counts[i];
        }
        return new Histogram(edges[0], edges[n], buckets);
    }

    /** numpy's placement: the computed index, corrected against the edges; outside values clamped to the ends. */
    private static int bucket(double value, double[] edges) {
        int n = edges.length - 1;
        double lo = edges[0], hi = edges[n];
        if (value <= lo) {
            return 0;
        }
        if (value >= hi) {
            return n - 1;
        }
        int i = (int) ((value - lo) / (hi - lo) * n);
        if (i == n) {
            i--;
        }
        if (value < edges[i]) {
            i--;
        } else if (value >= edges[i + 1] && i != n - 1) {
            i++;
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.min == min && h.max == max && Arrays.equals(h.buckets, buckets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(buckets);
    }

    @Override
    public String toString() {
        return "Histogram[" + min + ".." + max + ", " + Arrays.toString(buckets) + "]";
    }
}
