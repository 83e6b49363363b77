package io.patchserve.raster;

import io.patchserve.raster.png.PngEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Turns bands into 8-bit images: linear rescale of each band to 0..255, nodata as transparent. */
public final class Rendering {

    private Rendering() {
    }

    /** {@code value} mapped from [low, high] to 0..255, clamped. */
    public static int toByte(double value, double low, double high) {
        double scaled = (value - low) * 255.0 / (high - low);
        if (!(scaled > 0)) {
            return 0;
        }
        return scaled >= 255 ? 255 : (int) Math.round(scaled);
    }

    /** Pixels a preview's stretch looks at, at most: an evenly spaced sample is plenty for a display range. */
    private static final int STRETCH_SAMPLE = 4096;

    /** The 2nd and 98th percentile of (a sample of) one array's valid pixels: a preview's stretch. */
    public static double[] percentileStretch(BandArray pixels, Band band) {
        int step = Math.max(1, pixels.length() / STRETCH_SAMPLE);
        double[] valid = new double[(pixels.length() + step - 1) / step];
        int n = 0;
        for (int i = 0; i < pixels.length(); i += step) {
            double v = pixels.get(i);
            if (!Double.isNaN(v) && !band.isNodata(v)) {
                valid[n++] = v;
            }
        }
        if (n == 0) {
            return new double[]{0, 1};
        }
        java.util.Arrays.sort(valid, 0, n);
        double low = percentile(valid, n, 2), high = percentile(valid, n, 98);
        return new double[]{low, high > low ? high : low + 1};
    }

    private static double percentile(double[] sorted, int n, double q) {
        double position = (n - 1) * q / 100.0;
        int lower = (int) Math.floor(position);
        double fraction = position - lower;
        return fraction == 0 ? sorted[lower] : sorted[lower] + fraction * (sorted[Math.min(lower + 1, n - 1)] - sorted[lower]);
    }

    /**
     * Writes equally sized bands (1 or 3) as a PNG, each rescaled by its range; pixels where any band is nodata
     * become transparent (an alpha channel is added only when a band declares nodata).
     */
    public static void writePng(OutputStream out, List<BandArray> bands, List<Band> meta, List<double[]> ranges,
                                int level) throws IOException {
        int width = bands.getFirst().width(), height = bands.getFirst().height();
        int colours = bands.size();
        boolean alpha = meta.stream().anyMatch(b -> b.nodata() != null);
        int channels = colours + (alpha ? 1 : 0);
        PngEncoder.write(out, width, height, channels, (y, row) -> {
            int base = y * width;
            for (int x = 0; x < width; x++) {
                boolean missing = false;
                for (int c = 0; c < colours; c++) {
                    double v = bands.get(c).get(base + x);
                    if (meta.get(c).isNodata(v) || Double.isNaN(v)) {
                        missing = true;
                    }
                    double[] r = ranges.get(c);
                    row[x * channels + c] = (byte) toByte(v, r[0], r[1]);
                }
                if (alpha) {
                    row[x * channels + colours] = (byte) (missing ? 0 : 255);
                }
            }
        }, level);
    }
}
