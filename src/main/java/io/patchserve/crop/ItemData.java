package io.patchserve.crop;

import io.jhdf.HdfFile;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.png.PngRaster;
import io.patchserve.raster.hdf5.ItemFiles;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An item's pixels as crops read them: the size of each band's grid, and windows of a band. */
sealed interface ItemData {

    /** Width and height of the grid {@code band} is stored on. */
    int[] size(String band);

    /** Whether the item's data holds the band. */
    boolean has(String band);

    /** Columns {@code col..col+width} and rows {@code row..row+height} of the band's own grid (inside it). */
    BandArray region(String band, int col, int row, int width, int height);

    /** Whether the band is stored with a time axis. */
    default boolean timed(String band) {
        return false;
    }

    /** The instants of the band's steps; empty for a band without a time axis. */
    default List<java.time.Instant> times(String band) {
        return List.of();
    }

    /** {@link #region} at step {@code step} of a band with a time axis (a band without one has only step 0). */
    default BandArray region(String band, int step, int col, int row, int width, int height) {
        return region(band, col, row, width, height);
    }

    /** Bytes it holds in memory, for the cache. */
    long weight();

    /**
     * Puts the band's whole grid into {@code into} as little-endian samples of its stored type, straight from how
     * the data holds them, and returns true; false (nothing put) when the data holds it otherwise.
     */
    default boolean copyStored(String band, java.nio.ByteBuffer into, byte[] scratch) {
        return false;
    }

    /**
     * A canonical item HDF5 held in memory; jhdf reads are serialised on the file. A cached item also keeps each band
     * plane (a band's whole grid at one step) once it is decoded, so that repeated crops of an item neither inflate
     * nor un-shuffle its chunks again: the cache weighs it by its stored bytes plus every plane it may keep.
     */
    final class Hdf5 implements ItemData {
        /** An item that decodes to more than this keeps no planes (a long time series): its windows are read each time. */
        static final long MAX_KEPT_PLANE_BYTES = 64L << 20;

        private final HdfFile file;
        private final long bytes;
        private final Map<String, ItemFiles.GroupInfo> groupOf = new HashMap<>();
        private final Map<String, Integer> indexOf = new HashMap<>();
        private final Map<String, List<java.time.Instant>> times = new HashMap<>();
        private final long planeBytes;
        private final Map<String, BandArray> planes;

        /**
         * Over {@code content} as it is (a lent buffer: the caller keeps it until this is no longer read), reading
         * only the band groups named {@code groups} (the collection's); {@code keepPlanes} for an item that stays
         * in the cache.
         */
        Hdf5(java.nio.ByteBuffer content, java.util.Collection<String> groups, boolean keepPlanes) {
            this.bytes = content.remaining(); // before jHDF reads the buffer and moves its position
            this.file = HdfFile.fromByteBuffer(content);
            long decoded = 0;
            for (ItemFiles.GroupInfo info : ItemFiles.groups(file, groups)) {
                List<String> names = info.bandNames();
                for (int i = 0; i < names.size(); i++) {
                    groupOf.put(names.get(i), info);
                    indexOf.put(names.get(i), i);
                }
                decoded += (long) info.width() * info.height() * info.dataType().bytes() * names.size() * Math.max(1, info.steps());
            }
            boolean keep = keepPlanes && decoded <= MAX_KEPT_PLANE_BYTES;
            this.planeBytes = keep ? decoded : 0;
            this.planes = keep ? new java.util.concurrent.ConcurrentHashMap<>() : null;
        }

        @Override
        public int[] size(String band) {
            ItemFiles.GroupInfo g = groupOf.get(band);
            return new int[]{g.width(), g.height()};
        }

        @Override
        public boolean has(String band) {
            return groupOf.containsKey(band);
        }

        @Override
        public BandArray region(String band, int col, int row, int width, int height) {
            return region(band, 0, col, row, width, height);
        }

        @Override
        public BandArray region(String band, int step, int col, int row, int width, int height) {
            if (planes == null) {
                synchronized (file) {
                    return ItemFiles.readWindow(groupOf.get(band), step, indexOf.get(band), col, row, width, height);
                }
            }
            return plane(band, step).region(col, row, width, height);
        }

        /** The band's whole grid at {@code step}, decoded once; two requests decoding it at once keep the first. */
        private BandArray plane(String band, int step) {
            String key = step + "/" + band;
            BandArray kept = planes.get(key);
            if (kept != null) {
                return kept;
            }
            ItemFiles.GroupInfo group = groupOf.get(band);
            BandArray decoded;
            synchronized (file) {
                decoded = ItemFiles.readPlane(group, step, indexOf.get(band));
            }
            kept = planes.putIfAbsent(key, decoded);
            return kept != null ? kept : decoded;
        }

        @Override
        public boolean timed(String band) {
            ItemFiles.GroupInfo g = groupOf.get(band);
            return g != null && g.timed();
        }

        @Override
        public List<java.time.Instant> times(String band) {
            ItemFiles.GroupInfo g = groupOf.get(band);
            if (g == null || !g.timed()) {
                return List.of();
            }
            synchronized (file) {
                return times.computeIfAbsent(g.name(), name -> ItemFiles.times(file, g));
            }
        }

        @Override
        public long weight() {
            return bytes + planeBytes;
        }

        @Override
        public boolean copyStored(String band, java.nio.ByteBuffer into, byte[] scratch) {
            synchronized (file) {
                return ItemFiles.copyBand(groupOf.get(band), indexOf.get(band), into, scratch);
            }
        }
    }

    /** A PNG decoded into uint8 bands named as the collection names them (red, green, blue). */
    final class Png implements ItemData {
        private final Map<String, BandArray> bands = new HashMap<>();

        Png(List<String> names, List<BandArray> decoded) {
            for (int i = 0; i < Math.min(names.size(), decoded.size()); i++) {
                bands.put(names.get(i), decoded.get(i));
            }
        }

        @Override
        public int[] size(String band) {
            BandArray a = bands.get(band);
            return new int[]{a.width(), a.height()};
        }

        @Override
        public boolean has(String band) {
            return bands.containsKey(band);
        }

        @Override
        public BandArray region(String band, int col, int row, int width, int height) {
            return bands.get(band).region(col, row, width, height);
        }

        @Override
        public long weight() {
            return bands.values().stream().mapToLong(BandArray::length).sum();
        }
    }

    /** Opens the item's stored bytes from their start. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /**
     * A PNG too large to decode whole within a crop's budget: its size comes from its header, and each window is
     * decoded when asked (rows below it are not decoded, pixels beside it not kept); a window whose pixels would
     * pass the budget is refused. Not cached: a large image's windows are seldom asked twice.
     */
    final class PngWindows implements ItemData {
        private final List<String> names;
        private final PngRaster.Header header;
        private final Source source;
        private final long budget;
        private Rectangle decoded;
        private List<BandArray> bands;

        PngWindows(List<String> names, PngRaster.Header header, Source source, long budget) {
            this.names = names;
            this.header = header;
            this.source = source;
            this.budget = budget;
        }

        @Override
        public int[] size(String band) {
            return new int[]{header.width(), header.height()};
        }

        @Override
        public boolean has(String band) {
            int index = names.indexOf(band);
            return index >= 0 && index < Math.min(3, header.channels());
        }

        @Override
        public synchronized BandArray region(String band, int col, int row, int width, int height) {
            Rectangle window = new Rectangle(col, row, width, height);
            if (!window.equals(decoded)) {
                long bytes = (long) width * height * header.channels();
                if (bytes > budget) {
                    throw ApiException.badRequest("a window of " + width + " x " + height + " pixels of this "
                            + header.width() + " x " + header.height() + " image takes " + bytes
                            + " bytes decoded, more than the " + budget + " a crop may (patchserve.crop.max-decoded-bytes); "
                            + "ask for a smaller window");
                }
                try (InputStream in = source.open()) {
                    bands = PngRaster.decode(in, window);
                } catch (IOException e) {
                    throw new ApiException(ErrorCode.UNPROCESSABLE_CONTENT, "the item's stored image cannot be decoded: "
                            + e.getMessage(), e);
                }
                decoded = window;
            }
            return bands.get(names.indexOf(band));
        }

        @Override
        public long weight() {
            return 0;
        }
    }
}
