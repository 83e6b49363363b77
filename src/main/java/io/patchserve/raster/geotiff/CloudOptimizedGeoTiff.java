package io.patchserve.raster.geotiff;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.Projection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Bands of one data type on one grid as a Cloud-Optimized GeoTIFF, laid out as GDAL's COG driver lays it out so
 * that GDAL, QGIS, STACIT, odc-stac and stackstac read it over HTTP with few requests: every image file directory
 * first (full resolution, then its overviews), then the tiles, smallest overview first; one plane per band, tiles
 * deflated. Images larger than {@value #TILE} pixels on a side get {@value #TILE}² tiles and nearest-neighbour
 * overviews halving down to one tile (nearest keeps values exact, labels included); smaller ones are one tile.
 * <p>
 * GDAL's own tags carry what GeoTIFF has no word for: band descriptions, scale and offset ({@code GDAL_METADATA})
 * and the nodata value ({@code GDAL_NODATA}, when every band shares it: GeoTIFF has one per file). Apache SIS's
 * writer ({@link GeoTiffWriter}) writes neither, nor overviews; it remains the writer for a CRS without an EPSG code,
 * which GeoTIFF keys can only describe in full.
 */
public final class CloudOptimizedGeoTiff {

    /** Tile side of large images, GDAL's COG default. */
    static final int TILE = 512;

    private static final int SHORT = 3, LONG = 4, DOUBLE = 12, ASCII = 2;

    private CloudOptimizedGeoTiff() {
    }

    /** Whether a CRS is one this writer can name: an EPSG code that fits a GeoTIFF key (16 bits). */
    public static boolean canName(Projection projection) {
        return projection != null && projection.epsg() != null && projection.epsg() > 0 && projection.epsg() <= 0xFFFF;
    }

    /** Writes {@code arrays} (one per band of {@code bands}, all of one type and size) to {@code out}. */
    public static void write(OutputStream out, Projection projection, GridGeometry grid, List<Band> bands,
                             List<BandArray> arrays) throws IOException {
        if (!canName(projection)) {
            throw new IllegalArgumentException("the CRS has no EPSG code a GeoTIFF key can hold");
        }
        DataType type = arrays.getFirst().type();
        List<Level> levels = levels(arrays);
        // IFDs first: their sizes do not depend on where the tiles go, so the tiles' offsets follow from them.
        List<Ifd> ifds = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            ifds.add(i == 0 ? mainIfd(levels.getFirst(), type, projection, grid, bands) : overviewIfd(levels.get(i), type));
        }
        long offset = 8;
        for (Ifd ifd : ifds) {
            offset += ifd.size();
        }
        long[][] tileOffsets = new long[levels.size()][];
        for (int i = levels.size() - 1; i >= 0; i--) {
            List<byte[]> tiles = levels.get(i).tiles;
            tileOffsets[i] = new long[tiles.size()];
            for (int t = 0; t < tiles.size(); t++) {
                tileOffsets[i][t] = offset;
                offset += tiles.get(t).length;
            }
        }
        if (offset > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a GeoTIFF here holds at most 4 GiB");
        }
        out.write(new byte[]{'I', 'I', 42, 0, 8, 0, 0, 0});
        long at = 8;
        for (int i = 0; i < ifds.size(); i++) {
            Level level = levels.get(i);
            Ifd ifd = ifds.get(i);
            ifd.add(324, LONG, tileOffsets[i]);
            ifd.add(325, LONG, level.tiles.stream().mapToLong(t -> t.length).toArray());
            long next = i + 1 < ifds.size() ? at + ifd.size() : 0;
            out.write(ifd.encode(at, next));
            at += ifd.size();
        }
        for (int i = levels.size() - 1; i >= 0; i--) {
            for (byte[] tile : levels.get(i).tiles) {
                out.write(tile);
            }
        }
    }

    /** One resolution: its size, tile size and deflated tiles (band-major, then row-major). */
    private record Level(int width, int height, int bandCount, int tileWidth, int tileHeight, List<byte[]> tiles) {
    }

    private static List<Level> levels(List<BandArray> arrays) {
        List<Level> levels = new ArrayList<>();
        List<BandArray> current = arrays;
        int w = current.getFirst().width(), h = current.getFirst().height();
        boolean small = w <= TILE && h <= TILE;
        // TIFF tiles are multiples of 16 pixels on a side.
        int tw = small ? roundUp16(w) : TILE, th = small ? roundUp16(h) : TILE;
        levels.add(new Level(w, h, arrays.size(), tw, th, tiles(current, tw, th)));
        while (w > TILE || h > TILE) {
            current = current.stream().map(CloudOptimizedGeoTiff::halve).toList();
            w = current.getFirst().width();
            h = current.getFirst().height();
            levels.add(new Level(w, h, arrays.size(), TILE, TILE, tiles(current, TILE, TILE)));
        }
        return levels;
    }

    private static int roundUp16(int n) {
        return (n + 15) & ~15;
    }

    /** Half size, each pixel the source pixel nearest its centre (as GDAL's NEAREST overviews pick). */
    private static BandArray halve(BandArray source) {
        int w = (source.width() + 1) / 2, h = (source.height() + 1) / 2;
        BandArray out = BandArray.allocate(source.type(), w, h);
        int[] offsets = new int[w];
        for (int col = 0; col < w; col++) {
            offsets[col] = Math.min(2 * col + 1, source.width() - 1);
        }
        for (int row = 0; row < h; row++) {
            out.gather(source, Math.min(2 * row + 1, source.height() - 1) * source.width(), offsets, row * w);
        }
        return out;
    }

    private static List<byte[]> tiles(List<BandArray> bands, int tw, int th) {
        BandArray first = bands.getFirst();
        int across = (first.width() + tw - 1) / tw, down = (first.height() + th - 1) / th;
        int bytes = first.type().bytes();
        List<byte[]> tiles = new ArrayList<>(bands.size() * across * down);
        ByteBuffer raw = ByteBuffer.allocate(tw * th * bytes).order(ByteOrder.LITTLE_ENDIAN);
        Deflater deflater = new Deflater(6);
        byte[] chunk = new byte[64 * 1024];
        try {
            for (BandArray band : bands) {
                for (int tr = 0; tr < down; tr++) {
                    for (int tc = 0; tc < across; tc++) {
                        fill(raw, band, tc * tw, tr * th, tw, th);
                        deflater.reset();
                        deflater.setInput(raw.array(), 0, raw.capacity());
                        deflater.finish();
                        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
                        while (!deflater.finished()) {
                            packed.write(chunk, 0, deflater.deflate(chunk));
                        }
                        tiles.add(packed.toByteArray());
                    }
                }
            }
        } finally {
            deflater.end();
        }
        return tiles;
    }

    /** The tile's samples, little-endian; past the image's edge zeros (TIFF tiles are whole). */
    private static void fill(ByteBuffer raw, BandArray band, int col0, int row0, int tw, int th) {
        java.util.Arrays.fill(raw.array(), (byte) 0);
        raw.clear();
        int cols = Math.min(tw, band.width() - col0), rows = Math.min(th, band.height() - row0);
        int bytes = band.type().bytes();
        Object data = band.data();
        for (int r = 0; r < rows; r++) {
            int src = (row0 + r) * band.width() + col0;
            raw.position(r * tw * bytes);
            switch (data) {
                case byte[] a -> raw.put(a, src, cols);
                case short[] a -> raw.asShortBuffer().put(a, src, cols);
                case int[] a -> raw.asIntBuffer().put(a, src, cols);
                case float[] a -> raw.asFloatBuffer().put(a, src, cols);
                case double[] a -> raw.asDoubleBuffer().put(a, src, cols);
                default -> throw new IllegalArgumentException("no TIFF samples for " + data.getClass());
            }
        }
    }

    private static Ifd imageIfd(Level level, DataType type, int subfileType) {
        Ifd ifd = new Ifd();
        int n = level.bandCount;
        ifd.add(254, LONG, subfileType);
        ifd.add(256, LONG, level.width);
        ifd.add(257, LONG, level.height);
        ifd.add(258, SHORT, repeat(n, type.bytes() * 8));
        ifd.add(259, SHORT, 8); // deflate (zlib)
        ifd.add(262, SHORT, 1); // min-is-black: samples are measurements
        ifd.add(277, SHORT, n);
        ifd.add(284, SHORT, 2); // one plane per band
        ifd.add(322, LONG, level.tileWidth);
        ifd.add(323, LONG, level.tileHeight);
        ifd.add(324, LONG, new long[level.tiles.size()]); // offsets and byte counts: same size, filled in later
        ifd.add(325, LONG, new long[level.tiles.size()]);
        if (n > 1) {
            ifd.add(338, SHORT, repeat(n - 1, 0)); // the other samples are unspecified data, not alpha
        }
        ifd.add(339, SHORT, repeat(n, type == DataType.FLOAT32 || type == DataType.FLOAT64 ? 3 : type.unsigned() ? 1 : 2));
        return ifd;
    }

    private static Ifd overviewIfd(Level level, DataType type) {
        return imageIfd(level, type, 1);
    }

    private static Ifd mainIfd(Level level, DataType type, Projection projection, GridGeometry grid, List<Band> bands) {
        Ifd ifd = imageIfd(level, type, 0);
        double[] t = grid.transform();
        if (t[2] == 0 && t[4] == 0) {
            ifd.add(33550, DOUBLE, new double[]{t[1], -t[5], 0});
            ifd.add(33922, DOUBLE, new double[]{0, 0, 0, t[0], t[3], 0});
        } else {
            ifd.add(34264, DOUBLE, new double[]{t[1], t[2], 0, t[0], t[4], t[5], 0, t[3], 0, 0, 0, 0, 0, 0, 0, 1});
        }
        boolean geographic = projection.isGeographic();
        ifd.add(34735, SHORT, new long[]{1, 1, 0, 3,
                1024, 0, 1, geographic ? 2 : 1,   // GTModelTypeGeoKey: geographic or projected
                1025, 0, 1, 1,                    // GTRasterTypeGeoKey: pixel is area
                geographic ? 2048 : 3072, 0, 1, projection.epsg()}); // GeographicTypeGeoKey / ProjectedCSTypeGeoKey
        ifd.add(42112, ASCII, gdalMetadata(bands));
        Double nodata = bands.getFirst().nodata();
        if (nodata != null && bands.stream().allMatch(b -> nodata.equals(b.nodata()))) {
            ifd.add(42113, ASCII, nodata.isNaN() ? "nan" : nodata == Math.rint(nodata) ? Long.toString(nodata.longValue())
                    : Double.toString(nodata));
        }
        return ifd;
    }

    /** Band names as GDAL band descriptions, with scale and offset where a band has them. */
    private static String gdalMetadata(List<Band> bands) {
        StringBuilder xml = new StringBuilder("<GDALMetadata>");
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            item(xml, "DESCRIPTION", i, "description", b.name());
            if (b.scaleOrOne() != 1 || b.offsetOrZero() != 0) {
                item(xml, "SCALE", i, "scale", Double.toString(b.scaleOrOne()));
                item(xml, "OFFSET", i, "offset", Double.toString(b.offsetOrZero()));
            }
        }
        return xml.append("</GDALMetadata>").toString();
    }

    private static void item(StringBuilder xml, String name, int sample, String role, String value) {
        xml.append("<Item name=\"").append(name).append("\" sample=\"").append(sample).append("\" role=\"").append(role)
                .append("\">").append(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</Item>");
    }

    private static long[] repeat(int n, long value) {
        long[] out = new long[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** One image file directory: entries kept sorted by tag (TIFF requires it), values longer than 4 bytes after it. */
    private static final class Ifd {
        private final java.util.TreeMap<Integer, Entry> entries = new java.util.TreeMap<>();

        private record Entry(int type, int count, byte[] value) {
        }

        void add(int tag, int type, long value) {
            add(tag, type, new long[]{value});
        }

        void add(int tag, int type, long[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * (type == SHORT ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                if (type == SHORT) {
                    b.putShort((short) v);
                } else {
                    b.putInt((int) v);
                }
            }
            entries.put(tag, new Entry(type, values.length, b.array()));
        }

        void add(int tag, int type, double[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                b.putDouble(v);
            }
            entries.put(tag, new Entry(type, values.length, b.array()));
        }

        void add(int tag, int type, String text) {
            byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
            entries.put(tag, new Entry(type, ascii.length, ascii));
        }

        /** Bytes of the directory and its out-of-line values (word-aligned), fixed once every entry is in. */
        long size() {
            long size = 2 + 12L * entries.size() + 4;
            for (Entry e : entries.values()) {
                if (e.value.length > 4) {
                    size += (e.value.length + 1) & ~1;
                }
            }
            return size;
        }

        byte[] encode(long at, long next) {
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size())).order(ByteOrder.LITTLE_ENDIAN);
            int valuesAt = 2 + 12 * entries.size() + 4;
            b.putShort((short) entries.size());
            for (var e : entries.entrySet()) {
                Entry entry = e.getValue();
                b.putShort(e.getKey().shortValue()).putShort((short) entry.type).putInt(entry.count);
                if (entry.value.length <= 4) {
                    b.put(java.util.Arrays.copyOf(entry.value, 4));
                } else {
                    b.putInt((int) (at + valuesAt));
                    b.put(valuesAt, entry.value);
                    valuesAt += (entry.value.length + 1) & ~1;
                }
            }
            b.putInt((int) next);
            return b.array();
        }
    }
}
