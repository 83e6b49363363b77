package io.patchserve.raster.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Datasets of any size in a file jHDF writes, whose bytes are streamed rather than held: each is written as a
 * small contiguous placeholder ({@link #placeholder}), then {@link #place} points it at its real extent, laid out
 * contiguously after the end of the file as jHDF (and {@link NetcdfDimensions}) left it, one dataset after the
 * other. The file's bytes followed by each dataset's bytes (row-major, little-endian) are then a complete HDF5
 * file whose layout was fixed before any of its data was read.
 */
public final class TrailingData {

    private TrailingData() {
    }

    /** A dataset to place: its path, its real shape and the bytes of one element. */
    public record Target(String path, long[] shape, int elementBytes) {
        public long bytes() {
            long n = elementBytes;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** A (1, C, 1, 1) array of {@code elements} (a primitive class) to write in the dataset's place. */
    public static Object placeholder(Class<?> elements, int bands) {
        return Array.newInstance(elements, 1, bands, 1, 1);
    }

    /**
     * Points each target (a contiguous placeholder in {@code file}, which jHDF has written and closed) at its real
     * shape and at data following the file; returns where each target's data begin in the completed file.
     */
    public static long[] place(Path file, List<Target> targets) {
        List<long[]> found = new ArrayList<>(); // header address, data address, placeholder bytes, placeholder dims...
        try (HdfFile h5 = new HdfFile(file)) {
            for (Target t : targets) {
                Dataset ds = h5.getDatasetByPath(t.path());
                if (!(ds instanceof ContiguousDataset contiguous)) {
                    throw new IllegalStateException(t.path() + " is not a contiguous placeholder");
                }
                int[] dims = ds.getDimensions();
                long bytes = t.elementBytes();
                for (int d : dims) {
                    bytes *= d;
                }
                long[] entry = new long[3 + dims.length];
                entry[0] = ds.getAddress();
                entry[1] = contiguous.getDataAddress();
                entry[2] = bytes;
                for (int i = 0; i < dims.length; i++) {
                    entry[3 + i] = dims[i];
                }
                found.add(entry);
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long next = channel.size();
            long[] starts = new long[targets.size()];
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                long[] entry = found.get(i);
                long[] placeholderDims = java.util.Arrays.copyOfRange(entry, 3, entry.length);
                long start = next;
                starts[i] = start;
                ObjectHeaders.rewrite(channel, entry[0], header ->
                        ObjectHeaders.replace(header, ObjectHeaders.longs(placeholderDims), ObjectHeaders.longs(t.shape()))
                                * ObjectHeaders.replace(header, ObjectHeaders.longs(entry[1], entry[2]),
                                ObjectHeaders.longs(start, t.bytes())));
                next = Math.addExact(next, t.bytes());
            }
            channel.write(new Superblock.SuperblockV2V3().toBuffer(next), 0);
            return starts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place the data of " + file, e);
        }
    }
}
