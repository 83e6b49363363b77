package io.patchserve.stats;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coarse histogram people see: every counted pixel in a bucket, an outlier not squeezing the rest into one
 * bucket, integer buckets of whole values. (check_statistics.py compares served histograms with numpy's.)
 */
@org.junit.jupiter.api.Tag("unit")
class HistogramTest {

    private static final Band UINT16 = new Band("b", null, null, null, "g", DataType.UINT16, null, null, null);
    private static final Band FLOAT32 = new Band("f", null, null, null, "g", DataType.FLOAT32, null, null, null);

    @Test
    void integerBucketsHoldWholeValuesAndEveryPixel() {
        BandArray pixels = BandArray.allocate(DataType.UINT16, 1001, 1);
        for (int i = 0; i < 1000; i++) {
            pixels.set(i, 100 + i);           // 100..1099, evenly
        }
        pixels.set(1000, 60000);              // one outlier
        Histogram h = of(pixels, UINT16);

        assertThat(Arrays.stream(h.buckets()).sum()).isEqualTo(1001);
        double width = (h.max() - h.min()) / h.count();
        assertThat(width).isEqualTo(Math.rint(width));
        assertThat(h.min() % 1).isEqualTo(0.5);
        assertThat(h.max()).isLessThan(2000);                 // the outlier is beyond the 99.5th percentile
        assertThat(h.buckets()[h.count() - 1]).isGreaterThan(h.buckets()[h.count() - 2]); // and counted in the last bucket
        // evenly spread values fill the inner buckets evenly: no comb
        long[] inner = Arrays.copyOfRange(h.buckets(), 1, h.count() - 1);
        assertThat(Arrays.stream(inner).max().orElseThrow()).isEqualTo(Arrays.stream(inner).min().orElseThrow());
    }

    @Test
    void aConstantBandIsOneBucketAroundItsValue() {
        BandArray pixels = BandArray.allocate(DataType.FLOAT32, 5, 1);
        for (int i = 0; i < 5; i++) {
            pixels.set(i, 2.5);
        }
        Histogram h = of(pixels, FLOAT32);
        assertThat(h.buckets()).containsExactly(5);
        assertThat(h.min()).isLessThan(2.5);
        assertThat(h.max()).isGreaterThan(2.5);
    }

    @Test
    void nothingCountedHasNoHistogram() {
        assertThat(Histogram.of(new BandAccumulator(DataType.UINT16))).isNull();
    }

    private static Histogram of(BandArray pixels, Band band) {
        BandAccumulator a = new BandAccumulator(band.dataType());
        a.add(pixels, band);
        return Histogram.of(a);
    }
}
