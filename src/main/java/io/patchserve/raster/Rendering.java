package io.patchserve.raster;

import io.patchserve.raster.png.PngEncoder;
import io.patchserve.stats.BandAccumulator;

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

    /** The 2nd and 98th percentile of one array's valid pixels: the usual stretch of a preview. */
    public static double[] percentileStretch(BandArray pixels, Band band) {
        BandAccumulator a = new BandAccumulator(pixels.type());
        a.add(pixels, band);
        double low = a.percentile(2), high = a.percentile(98);
        if (!(high > low)) {
            high = low + 1;
        }
        return new double[]{low, high};
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
