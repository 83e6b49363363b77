package io.patchserve.stats;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class BandAccumulatorTest {

    private static final Band UINT16 = new Band("b", null, null, null, "g", DataType.UINT16, 0.0, null, null);
    private static final Band FLOAT32 = new Band("f", null, null, null, "g", DataType.FLOAT32, null, null, null);

    @Test
    void mergedPartsEqualTheWholeAndNodataIsLeftOut() {
        SplittableRandom random = new SplittableRandom(5);
        BandArray a = BandArray.allocate(DataType.UINT16, 150, 70); // more than two chunks of keys
        BandArray b = BandArray.allocate(DataType.UINT16, 30, 30);
        for (int i = 0; i < a.length(); i++) a.set(i, random.nextInt(65536));
        for (int i = 0; i < b.length(); i++) b.set(i, i % 7 == 0 ? 0 : 40000 + random.nextInt(20000));

        BandAccumulator left = new BandAccumulator(DataType.UINT16);
        left.add(a, UINT16);
        BandAccumulator right = new BandAccumulator(DataType.UINT16);
        right.add(b, UINT16);
        left.merge(right);

        double[] valid = concatValid(a, b);
        assertThat(left.count()).isEqualTo(valid.length);
        double mean = Arrays.stream(valid).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(valid).map(v -> (v - mean) * (v - mean)).sum() / valid.length);
        assertThat(left.mean()).isCloseTo(mean, within(1e-9 * mean));
        assertThat(left.std()).isCloseTo(std, within(1e-9 * std));
        assertThat(left.min()).isEqualTo(Arrays.stream(valid).min().orElseThrow());
        assertThat(left.max()).isEqualTo(Arrays.stream(valid).max().orElseThrow());
        Arrays.sort(valid);
        assertThat(left.percentile(2)).isEqualTo(linear(valid, 2));
        assertThat(left.percentile(98)).isEqualTo(linear(valid, 98));
        assertThat(left.percentile(50)).isEqualTo(linear(valid, 50));
    }

    @Test
    void restoredFromStorageItGivesTheSameAnswers() {
        BandArray a = BandArray.allocate(DataType.UINT16, 10, 10);
        for (int i = 0; i < a.length(); i++) a.set(i, 100 + i * 3);
        BandAccumulator original = new BandAccumulator(DataType.UINT16);
        original.add(a, UINT16);
        int[] keys = original.histogramKeys();
        BandAccumulator restored = BandAccumulator.restore(DataType.UINT16, original.items(), original.count(), original.mean(), original.m2(),
                original.min(), original.max(), keys, original.histogramCounts(keys));
        assertThat(restored.percentile(98)).isEqualTo(original.percentile(98));
        assertThat(restored.std()).isEqualTo(original.std());
        assertThat(restored.items()).isEqualTo(1);
    }

    @Test
    void takingAnItemOutGivesWhatCountingTheOthersGives() {
        SplittableRandom random = new SplittableRandom(4);
        BandArray[] items = new BandArray[5];
        for (int n = 0; n < items.length; n++) {
            items[n] = BandArray.allocate(DataType.UINT16, 30, 20);
            for (int i = 0; i < items[n].length(); i++) items[n].set(i, 1000 + n * 400 + random.nextInt(700));
        }
        BandAccumulator all = new BandAccumulator(DataType.UINT16);
        BandAccumulator[] each = new BandAccumulator[items.length];
        for (int n = 0; n < items.length; n++) {
            all.add(items[n], UINT16);
            each[n] = new BandAccumulator(DataType.UINT16);
            each[n].add(items[n], UINT16);
        }
        all.subtract(each[4]); // held the maximum
        all.subtract(each[0]); // held the minimum
        BandAccumulator others = new BandAccumulator(DataType.UINT16);
        for (int n = 1; n < 4; n++) others.add(items[n], UINT16);
        assertThat(all.items()).isEqualTo(3);
        assertThat(all.count()).isEqualTo(others.count());
        assertThat(all.mean()).isCloseTo(others.mean(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(all.std()).isCloseTo(others.std(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(all.min()).isEqualTo(others.min());
        assertThat(all.max()).isEqualTo(others.max());
        assertThat(all.percentile(2)).isEqualTo(others.percentile(2));
        assertThat(all.percentile(98)).isEqualTo(others.percentile(98));
        all.subtract(others);
        assertThat(all.count()).isZero();
        assertThat(all.items()).isZero();
        assertThat(all.histogramKeys()).isEmpty();
    }

    @Test
    void aFloatItemThatHeldAnExtremeSaysSo() {
        BandArray low = BandArray.allocate(DataType.FLOAT32, 2, 1);
        low.set(0, -3.5);
        low.set(1, 1.25);
        BandArray high = BandArray.allocate(DataType.FLOAT32, 2, 1);
        high.set(0, 0.5);
        high.set(1, 9.75);
        BandAccumulator all = new BandAccumulator(DataType.FLOAT32);
        all.add(low, FLOAT32);
        all.add(high, FLOAT32);
        BandAccumulator part = new BandAccumulator(DataType.FLOAT32);
        part.add(low, FLOAT32);
        all.subtract(part);
        assertThat(all.extremesLost(part)).isTrue();
        all.extremes(0.5, 9.75);
        assertThat(all.min()).isEqualTo(0.5);
        assertThat(all.mean()).isCloseTo(5.125, org.assertj.core.data.Offset.offset(1e-12));
        BandAccumulator inner = new BandAccumulator(DataType.FLOAT32);
        BandArray middle = BandArray.allocate(DataType.FLOAT32, 1, 1);
        middle.set(0, 3);
        inner.add(middle, FLOAT32);
        assertThat(all.extremesLost(inner)).isFalse();
    }

    @Test
    void floatPercentilesAreWithinTheBinWidth() {
        SplittableRandom random = new SplittableRandom(9);
        BandArray a = BandArray.allocate(DataType.FLOAT32, 100, 100);
        for (int i = 0; i < a.length(); i++) a.set(i, random.nextGaussian() * 5 - 12);
        BandAccumulator acc = new BandAccumulator(DataType.FLOAT32);
        acc.add(a, FLOAT32);
        double[] values = new double[a.length()];
        for (int i = 0; i < values.length; i++) values[i] = a.get(i);
        Arrays.sort(values);
        for (double q : new double[]{2, 50, 98}) {
            double exact = linear(values, q);
            assertThat(acc.percentile(q)).as("p" + q).isCloseTo(exact, within(Math.abs(exact) * 0.008));
        }
    }

    @Test
    void maskedPixelsAreLeftOutInEveryChunk() {
        SplittableRandom random = new SplittableRandom(17);
        BandArray pixels = BandArray.allocate(DataType.UINT16, 97, 101);
        BandArray mask = BandArray.allocate(DataType.UINT8, 97, 101);
        for (int i = 0; i < pixels.length(); i++) {
            pixels.set(i, 1 + random.nextInt(65535));
            mask.set(i, random.nextInt(5) == 0 ? 1 : 0);
        }
        BandAccumulator acc = new BandAccumulator(DataType.UINT16);
        BandAccumulator.addSeries(java.util.List.of(pixels), java.util.List.of(mask), UINT16, acc);

        double[] valid = java.util.stream.IntStream.range(0, pixels.length()).filter(i -> mask.get(i) == 0)
                .mapToDouble(pixels::get).toArray();
        double mean = Arrays.stream(valid).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(valid).map(v -> (v - mean) * (v - mean)).sum() / valid.length);
        assertThat(acc.count()).isEqualTo(valid.length).isLessThan(pixels.length());
        assertThat(acc.mean()).isCloseTo(mean, within(1e-9 * mean));
        assertThat(acc.std()).isCloseTo(std, within(1e-9 * std));
        assertThat(acc.min()).isEqualTo(Arrays.stream(valid).min().orElseThrow());
        assertThat(acc.max()).isEqualTo(Arrays.stream(valid).max().orElseThrow());
    }

    @Test
    void signedAndByteBandsGiveTheSameToEveryTargetInOnePass() {
        SplittableRandom random = new SplittableRandom(13);
        Band int16 = new Band("s", null, null, null, "g", DataType.INT16, -9999.0, null, null);
        BandArray signed = BandArray.allocate(DataType.INT16, 64, 48);
        for (int i = 0; i < signed.length(); i++) signed.set(i, i % 11 == 0 ? -9999 : random.nextInt(-32768, 32768));
        Band uint8 = new Band("u", null, null, null, "g", DataType.UINT8, 255.0, null, null);
        BandArray bytes = BandArray.allocate(DataType.UINT8, 33, 17);
        for (int i = 0; i < bytes.length(); i++) bytes.set(i, random.nextInt(256));

        for (var c : java.util.List.of(java.util.Map.entry(int16, signed), java.util.Map.entry(uint8, bytes))) {
            Band band = c.getKey();
            BandArray pixels = c.getValue();
            BandAccumulator[] targets = {new BandAccumulator(band.dataType()), new BandAccumulator(band.dataType()),
                    new BandAccumulator(band.dataType())};
            BandAccumulator.addToEach(pixels, band, targets);

            double[] valid = java.util.stream.IntStream.range(0, pixels.length()).mapToDouble(pixels::get)
                    .filter(v -> v != band.nodata()).sorted().toArray();
            double mean = Arrays.stream(valid).average().orElseThrow();
            double std = Math.sqrt(Arrays.stream(valid).map(v -> (v - mean) * (v - mean)).sum() / valid.length);
            for (BandAccumulator t : targets) {
                assertThat(t.count()).as(band.name()).isEqualTo(valid.length);
                assertThat(t.mean()).as(band.name()).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
                assertThat(t.std()).as(band.name()).isCloseTo(std, within(1e-9 * std));
                assertThat(t.min()).as(band.name()).isEqualTo(valid[0]);
                assertThat(t.max()).as(band.name()).isEqualTo(valid[valid.length - 1]);
                for (double q : new double[]{2, 50, 98}) {
                    assertThat(t.percentile(q)).as(band.name() + " p" + q).isEqualTo(linear(valid, q));
                }
            }
        }
    }

    private static double[] concatValid(BandArray... arrays) {
        return Arrays.stream(arrays).flatMapToDouble(x -> java.util.stream.IntStream.range(0, x.length()).mapToDouble(x::get))
                .filter(v -> v != 0).toArray();
    }

    /** numpy.percentile's default (linear) method, written out. */
    private static double linear(double[] sorted, double q) {
        double h = (sorted.length - 1) * q / 100;
        int lo = (int) Math.floor(h);
        return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
    }
}
