package io.patchserve.stats;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;

import java.math.BigInteger;
import java.util.List;


/**
 * Running statistics of one band: the items and pixels counted, mean and the sum of squared deviations (merged
 * with Chan's formula, so partial results from items, runs and shards combine without loss, and taken apart again
 * when an item leaves), min, max, and a histogram for percentiles. Nodata pixels and NaN are not counted.
 */
public final class BandAccumulator {

    /** Items counted, or {@link #UNKNOWN_ITEMS} for totals merged before items were counted. */
    static final long UNKNOWN_ITEMS = -1;
    /** Keys worked out at a time by the integer path: a band's worth would be one more array per band and patch. */
    private static final int KEY_CHUNK = 4096;

    private final DataType type;
    private long items;
    private long count;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final long[] histogram = new long[HistogramKeys.SIZE];

    public BandAccumulator(DataType type) {
        this.type = type;
    }

    public DataType type() {
        return type;
    }

    /** Pixels counted. */
    public long count() {
        return count;
    }

    public long items() {
        return items;
    }

    /** Adds one array's valid pixels. */
    public void add(BandArray pixels, Band band) {
        addToEach(pixels, band, this);
    }

    /**
     * Adds one array's valid pixels to several accumulators of the same band (the whole collection's and a
     * split's) in one pass over the pixels, rather than one pass per accumulator. The caller holds their locks.
     */
    public static void addToEach(BandArray pixels, Band band, BandAccumulator... targets) {
        addToEach(pixels, null, band, true, targets);
    }

    /**
     * Adds one item's band over all its steps (one array per step, or one for a band without time), leaving out
     * the pixels its mask marks (non-zero at the same step and place; {@code masks} null for none): the item is
     * counted once, its valid pixels of every step.
     */
    public static void addSeries(List<BandArray> steps, List<BandArray> masks, Band band, BandAccumulator... targets) {
        for (int t = 0; t < steps.size(); t++) {
            addToEach(steps.get(t), masks == null ? null : masks.get(t), band, t == 0, targets);
        }
    }

    private static void addToEach(BandArray pixels, BandArray mask, Band band, boolean newItem, BandAccumulator... targets) {
        if (newItem) {
            for (BandAccumulator target : targets) {
                target.items = target.items == UNKNOWN_ITEMS ? UNKNOWN_ITEMS : target.items + 1;
            }
        }
        if (targets[0].type.smallInteger() && pixels.type() == targets[0].type) {
            addSmallIntegers(pixels, mask, band, targets);
            return;
        }
        long n = 0;
        double sum = 0;
        double localMin = Double.POSITIVE_INFINITY, localMax = Double.NEGATIVE_INFINITY;
        DataType type = targets[0].type;
        for (int i = 0, len = pixels.length(); i < len; i++) {
            double v = pixels.get(i);
            if (Double.isNaN(v) || band.isNodata(v) || (mask != null && mask.get(i) != 0)) {
                continue;
            }
            n++;
            sum += v;
            localMin = Math.min(localMin, v);
            localMax = Math.max(localMax, v);
            int key = HistogramKeys.key(type, v);
            for (BandAccumulator target : targets) {
                target.histogram[key]++;
            }
        }
        if (n == 0) {
            return;
        }
        double localMean = sum / n;
        double localM2 = 0;
        for (int i = 0, len = pixels.length(); i < len; i++) {
            double v = pixels.get(i);
            if (!Double.isNaN(v) && !band.isNodata(v) && (mask == null || mask.get(i) == 0)) {
                double d = v - localMean;
                localM2 += d * d;
            }
        }
        for (BandAccumulator target : targets) {
            target.combine(n, localMean, localM2, localMin, localMax);
        }
    }

    /**
     * The same for 8- and 16-bit integers, on the histogram keys themselves (a key is the value, shifted to
     * start at 0 for signed types) rather than on each pixel widened to double, in one pass: the sums of keys and
     * of their squares are exact in a long, and nodata is one key. Ingest spends most of its statistics time here.
     */
    private static void addSmallIntegers(BandArray pixels, BandArray mask, Band band, BandAccumulator[] targets) {
        DataType type = targets[0].type;
        int nodataKey = nodataKey(band, type);
        int[] keys = new int[Math.min(KEY_CHUNK, pixels.length())];
        long n = 0;
        long sum = 0;
        long sumOfSquares = 0; // below 2^63: fewer than 2^31 keys, each squared below 2^32
        int minKey = Integer.MAX_VALUE, maxKey = Integer.MIN_VALUE;
        for (int from = 0; from < pixels.length(); from += keys.length) {
            int chunk = keysOf(pixels, from, keys);
            if (mask != null) { // a masked pixel counts as nodata
                for (int i = 0; i < chunk; i++) {
                    if (mask.get(from + i) != 0) {
                        keys[i] = -1;
                    }
                }
            }
            for (int i = 0; i < chunk; i++) {
                int key = keys[i];
                if (key == nodataKey || key < 0) {
                    continue;
                }
                n++;
                sum += key;
                sumOfSquares += (long) key * key;
                minKey = Math.min(minKey, key);
                maxKey = Math.max(maxKey, key);
                for (BandAccumulator target : targets) {
                    target.histogram[key]++;
                }
            }
        }
        if (n == 0) {
            return;
        }
        // the squared deviations from the mean, n·Σk² − (Σk)² over n, exact until the one rounding to double
        double m2 = BigInteger.valueOf(n).multiply(BigInteger.valueOf(sumOfSquares))
                .subtract(BigInteger.valueOf(sum).pow(2)).doubleValue() / n;
        double shift = HistogramKeys.value(type, 0);
        for (BandAccumulator target : targets) {
            target.combine(n, (double) sum / n + shift, m2, minKey + shift, maxKey + shift);
        }
    }

    /**
     * Puts the histogram keys of an 8- or 16-bit array's pixels from {@code from} on into {@code keys}, as many
     * as fit ({@link HistogramKeys#key}, without a double); returns how many.
     */
    private static int keysOf(BandArray pixels, int from, int[] keys) {
        int count = Math.min(keys.length, pixels.length() - from);
        int shift = (int) -HistogramKeys.value(pixels.type(), 0); // 0 for unsigned types, 128 or 32768 for signed
        switch (pixels.data()) {
            case byte[] d -> {
                for (int i = 0; i < count; i++) keys[i] = shift == 0 ? d[from + i] & 0xFF : d[from + i] + shift;
            }
            case short[] d -> {
                for (int i = 0; i < count; i++) keys[i] = shift == 0 ? d[from + i] & 0xFFFF : d[from + i] + shift;
            }
            default -> throw new IllegalArgumentException(pixels.type().id() + " is not an 8- or 16-bit integer type");
        }
        return count;
    }

    /** The key of the band's nodata value, or -1 when no pixel of this type can be nodata. */
    private static int nodataKey(Band band, DataType type) {
        Double nodata = band.nodata();
        if (nodata == null || nodata != Math.rint(nodata) || nodata < type.minValue() || nodata > type.maxValue()) {
            return -1;
        }
        return HistogramKeys.key(type, nodata);
    }

    /** Adds another accumulator's counts (same band, same type). */
    public void merge(BandAccumulator other) {
        items = items == UNKNOWN_ITEMS || other.items == UNKNOWN_ITEMS ? UNKNOWN_ITEMS : items + other.items;
        if (other.count == 0) {
            return;
        }
        combine(other.count, other.mean, other.m2, other.min, other.max);
        for (int k = 0; k < HistogramKeys.SIZE; k++) {
            histogram[k] += other.histogram[k];
        }
    }

    /**
     * Takes out what {@code part} added (an item's pixels, counted in here before): Chan's formula run backwards
     * for mean and m2, the histogram bin by bin. Min and max of 8- and 16-bit integers follow from the histogram
     * (one bin per value); of other types they stay unless the part held them, which {@link #extremesLost} tells
     * the caller, who finds the new ones among the items that remain.
     */
    public void subtract(BandAccumulator part) {
        items = items == UNKNOWN_ITEMS ? UNKNOWN_ITEMS : Math.max(0, items - part.items);
        if (part.count == 0) {
            return;
        }
        long remaining = count - part.count;
        for (int k = 0; k < HistogramKeys.SIZE; k++) {
            histogram[k] = Math.max(0, histogram[k] - part.histogram[k]);
        }
        if (remaining <= 0) {
            count = 0;
            mean = 0;
            m2 = 0;
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            return;
        }
        double remainingMean = (count * mean - part.count * part.mean) / remaining;
        double delta = part.mean - remainingMean;
        m2 = Math.max(0, m2 - part.m2 - delta * delta * ((double) remaining * part.count / count));
        mean = remainingMean;
        count = remaining;
        if (type.smallInteger()) {
            int[] keys = histogramKeys();
            min = HistogramKeys.value(type, keys[0]);
            max = HistogramKeys.value(type, keys[keys.length - 1]);
        }
    }

    /** Whether taking out {@code part} may have removed this band's min or max (only asked of non-integer types). */
    public boolean extremesLost(BandAccumulator part) {
        return part.count > 0 && (part.min <= min || part.max >= max);
    }

    /** Sets min and max found among the remaining items (see {@link #subtract}). */
    public void extremes(double newMin, double newMax) {
        if (count > 0) {
            min = newMin;
            max = newMax;
        }
    }

    private void combine(long n, double otherMean, double otherM2, double otherMin, double otherMax) {
        long total = count + n;
        double delta = otherMean - mean;
        mean += delta * n / total;
        m2 += otherM2 + delta * delta * ((double) count * n / total);
        count = total;
        min = Math.min(min, otherMin);
        max = Math.max(max, otherMax);
    }

    /** Rebuilds an accumulator from its stored form. */
    public static BandAccumulator restore(DataType type, long items, long count, double mean, double m2, double min,
                                          double max, int[] keys, long[] counts) {
        BandAccumulator a = new BandAccumulator(type);
        a.items = items;
        a.count = count;
        a.mean = mean;
        a.m2 = m2;
        a.min = min;
        a.max = max;
        for (int i = 0; i < keys.length; i++) {
            a.histogram[keys[i]] += counts[i];
        }
        return a;
    }

    public double mean() {
        return mean;
    }

    public double m2() {
        return m2;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Population standard deviation (numpy's default, ddof=0). */
    public double std() {
        return count == 0 ? Double.NaN : Math.sqrt(m2 / count);
    }

    /** The non-empty histogram bins, for storage. */
    public int[] histogramKeys() {
        int bins = 0;
        for (long c : histogram) {
            if (c != 0) {
                bins++;
            }
        }
        int[] keys = new int[bins];
        for (int k = 0, i = 0; i < bins; k++) {
            if (histogram[k] != 0) {
                keys[i++] = k;
            }
        }
        return keys;
    }

    public long[] histogramCounts(int[] keys) {
        long[] out = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = histogram[keys[i]];
        }
        return out;
    }

    /**
     * The q-th percentile (0..100) with numpy's default linear interpolation between the two nearest ranks:
     * exact for 8- and 16-bit integers, within a bin's width otherwise.
     */
    public double percentile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        double position = (count - 1) * q / 100.0;
        long lowerRank = (long) Math.floor(position);
        double fraction = position - lowerRank;
        double lower = valueAtRank(lowerRank);
        double upper = fraction == 0 ? lower : valueAtRank(Math.min(lowerRank + 1, count - 1));
        return lower + fraction * (upper - lower);
    }

    private double valueAtRank(long rank) {
        int[] order = orderedKeys();
        long seen = 0;
        for (int key : order) {
            seen += histogram[key];
            if (seen > rank) {
                return HistogramKeys.value(type, key);
            }
        }
        return max;
    }

    /** Bins in ascending order of the values they stand for (float bins of negative values run backwards). */
    private int[] orderedKeys() {
        int[] keys = histogramKeys();
        if (type.smallInteger()) {
            return keys;
        }
        return java.util.Arrays.stream(keys).boxed()
                .sorted(java.util.Comparator.comparingDouble(k -> HistogramKeys.value(type, k)))
                .mapToInt(Integer::intValue).toArray();
    }
}
