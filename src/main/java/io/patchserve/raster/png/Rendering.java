package io.patchserve.raster.png;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.OrderStatistics;

import io.patchserve.raster.png.PngEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * The deflate level of previews and thumbnails, written once per item at ingest: level 1, as crops, and as the
     * ingest's floor counts it (bench/ingest_floor.py). Level 6 took 10-25 % longer on the benchmark's images (its
     * 120 x 120 patches, tiles of its 1024 x 1024 test PNG) for files 1-3 % smaller.
     * A rerun over items ingested at level 6 finds their previews changed and replaces them once (the data objects
     * stay as they are, and so do the statistics).
     */
    private static final int DISPLAY_LEVEL = 1;

    /**
     * An item's RGB preview: the three {@code rgb} bands (found in whichever group holds them), each stretched
     * from its own 2nd to 98th percentile, written as a PNG to {@code file}.
     */
    public static void writePreview(Path file, List<GroupRaster> groups, List<String> rgb) throws IOException {
        List<BandArray> bands = new ArrayList<>();
        List<Band> meta = new ArrayList<>();
        List<double[]> ranges = new ArrayList<>();
        for (String name : rgb) {
            for (GroupRaster g : groups) {
                int i = g.group().bands().indexOf(name);
                if (i >= 0) {
                    bands.add(g.arrays().get(i));
                    meta.add(g.bands().get(i));
                    ranges.add(percentileStretch(g.arrays().get(i), g.bands().get(i)));
                }
            }
        }
        if (bands.size() != rgb.size()) {
            throw new IllegalArgumentException("the preview's bands " + rgb + " are not all in the item");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            writePng(out, bands, meta, ranges, DISPLAY_LEVEL);
        }
    }

    /**
     * A thumbnail of 8-bit RGB bands: the longest side at most {@code maxSide} pixels, every output pixel the
     * source pixel at its centre (nearest neighbour; the bands are display values already, no stretch).
     */
    public static void writeThumbnail(Path file, List<BandArray> rgb, int maxSide) throws IOException {
        BandArray first = rgb.getFirst();
        int w = first.width(), h = first.height();
        double step = Math.max(1.0, Math.max(w, h) / (double) maxSide);
        int tw = Math.max(1, (int) Math.round(w / step)), th = Math.max(1, (int) Math.round(h / step));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            PngEncoder.write(out, tw, th, 3, (y, row) -> {
                int sy = Math.min(h - 1, (int) ((y + 0.5) * h / th));
                for (int x = 0; x < tw; x++) {
                    int sx = Math.min(w - 1, (int) ((x + 0.5) * w / tw));
                    for (int c = 0; c < 3; c++) {
                        row[x * 3 + c] = (byte) (int) rgb.get(c).get(sx, sy);
                    }
                }
            }, DISPLAY_LEVEL);
        }
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
        double low = OrderStatistics.percentile(valid, n, 2), high = OrderStatistics.percentile(valid, n, 98);
        return new double[]{low, high > low ? high : low + 1};
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
        byte[][] scaled = new byte[colours][];
        boolean[] missing = alpha ? new boolean[width * height] : null;
        for (int c = 0; c < colours; c++) {
            scaled[c] = toBytes(bands.get(c), meta.get(c), ranges.get(c), missing);
        }
        int channels = colours + (alpha ? 1 : 0);
        PngEncoder.write(out, width, height, channels, (y, row) -> {
            int base = y * width;
            for (int x = 0, o = 0; x < width; x++) {
                for (int c = 0; c < colours; c++) {
                    row[o++] = scaled[c][base + x];
                }
                if (alpha) {
                    row[o++] = (byte) (missing[base + x] ? 0 : 255);
                }
            }
        }, level);
    }

    /** value -> byte and value -> is-nodata for every value of an 8- or 16-bit type, for one range. */
    private record Table(byte[] bytes, boolean[] nodata) {
    }

    private record TableKey(DataType type, Double nodata, double low, double high) {
    }

    /** Tables of recent (type, nodata, range) keys: a collection's default ranges repeat on every crop. */
    private static final java.util.Map<TableKey, Table> TABLES = new java.util.concurrent.ConcurrentHashMap<>();

    private static TableKey tableKey(DataType type, Double nodataValue, double[] range) {
        return new TableKey(type, nodataValue, range[0], range[1]);
    }

    private static Table table(DataType type, Double nodataValue, double[] range) {
        TableKey key = tableKey(type, nodataValue, range);
        Table cached = TABLES.get(key);
        if (cached != null) {
            return cached;
        }
        int offset = (int) -type.minValue();
        int size = (int) (type.maxValue() - type.minValue()) + 1;
        byte[] bytes = new byte[size];
        boolean[] nodata = new boolean[size];
        for (int v = 0; v < size; v++) {
            double value = v - offset;
            bytes[v] = (byte) toByte(value, range[0], range[1]);
            nodata[v] = nodataValue != null && value == nodataValue;
        }
        Table table = new Table(bytes, nodata);
        if (TABLES.size() > 256) {
            TABLES.clear();
        }
        TABLES.put(key, table);
        return table;
    }

    /**
     * One band rescaled to bytes; marks nodata and NaN pixels in {@code missing} (when given). Integer types of up
     * to 16 bits go through a lookup table of every possible value, the rest through the arithmetic.
     */
    static byte[] toBytes(BandArray band, Band meta, double[] range, boolean[] missing) {
        int n = band.length();
        byte[] out = new byte[n];
        DataType type = band.type();
        // A table pays when it is reused (a collection's default range) or larger than the band; a patch's own
        // stretch on a small band is cheaper computed pixel by pixel.
        if (type.smallInteger() && (n >= type.maxValue() - type.minValue() || TABLES.containsKey(tableKey(type, meta.nodata(), range)))) {
            int offset = (int) -type.minValue();
            Table lookup = table(type, meta.nodata(), range);
            byte[] table = lookup.bytes;
            boolean[] nodata = lookup.nodata;
            for (int i = 0; i < n; i++) {
                int key = (int) band.get(i) + offset;
                out[i] = table[key];
                if (missing != null && nodata[key]) {
                    missing[i] = true;
                }
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            double v = band.get(i);
            out[i] = (byte) toByte(v, range[0], range[1]);
            if (missing != null && (Double.isNaN(v) || meta.isNodata(v))) {
                missing[i] = true;
            }
        }
        return out;
    }
}
