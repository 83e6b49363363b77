package io.patchserve.raster;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Selection-based percentiles agree exactly with percentiles read off a sorted copy. */
@Tag("unit")
class OrderStatisticsTest {

    private static double sortedPercentile(double[] values, int n, double q) {
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double position = (n - 1) * q / 100.0;
        int lower = (int) Math.floor(position);
        double fraction = position - lower;
        return fraction == 0 ? sorted[lower] : sorted[lower] + fraction * (sorted[Math.min(lower + 1, n - 1)] - sorted[lower]);
    }

    @Test
    void agreesWithSortingOnManyShapesOfData() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(round < 100 ? 8 : 5000);
            double[] values = new double[n];
            int kind = round % 4;
            for (int i = 0; i < n; i++) {
                values[i] = switch (kind) {
                    case 0 -> random.nextDouble();
                    case 1 -> random.nextInt(5);            // heavy ties, like uint8/uint16 reflectances
                    case 2 -> i;                             // already sorted
                    default -> n - i + random.nextInt(3);    // nearly reversed
                };
            }
            for (double q : new double[]{0, 2, 50, 97.5, 98, 100}) {
                double expected = sortedPercentile(values, n, q);
                double[] scratch = values.clone();
                assertThat(OrderStatistics.percentile(scratch, n, q)).as("n=%d kind=%d q=%s", n, kind, q).isEqualTo(expected);
            }
        }
    }

    @Test
    void onlyTheFirstNValuesCount() {
        double[] values = {5, 1, 3, -100, 1000};
        assertThat(OrderStatistics.percentile(values, 3, 50)).isEqualTo(3);
        assertThat(OrderStatistics.percentile(values, 3, 100)).isEqualTo(5);
    }
}
