package io.patchserve.raster.hdf5;

import io.jhdf.Superblock;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * netCDF-4 dimensions for a file jHDF writes: HDF5 dimension scales (H5DS) that xarray (h5netcdf, netCDF4), GDAL's
 * netCDF driver and h5py's {@code .dims} read as named axes with coordinates, instead of {@code phony_dim_*}.
 * <p>
 * A dimension scale is a 1-D dataset marked {@code CLASS="DIMENSION_SCALE"}; a variable names its scales in
 * {@code DIMENSION_LIST}, one variable-length sequence of object references per axis, kept in a global heap; each
 * scale lists its users back in {@code REFERENCE_LIST}. jHDF 0.13 writes neither references nor a global heap, and
 * object addresses are known only once it has laid the file out. So the attributes are written with placeholder
 * addresses of the final size, and {@link #finish} — after jHDF has closed the file — appends the global heap,
 * puts the real addresses in, recomputes the checksums of the object headers it touched and moves the
 * superblock's end of file. Nothing else in the file changes.
 */
public final class NetcdfDimensions {

    private static final long HEAP_PLACEHOLDER = 0xF5A1_C01E_0000_0000L;
    private static final long REFERENCE_PLACEHOLDER = 0xF5A1_0EF0_0000_0000L;
    private static final long PLACEHOLDER_MASK = 0xFFFF_FFFF_0000_0000L;
    /** libhdf5 reads a global heap collection 4 KiB at a time; smaller collections fail to load. */
    private static final int MIN_HEAP_SIZE = 4096;
    private static final int HEAP_OBJECT_HEADER = 16;

    private final Map<String, WritableDataset> scales = new LinkedHashMap<>();
    private final Map<String, List<int[]>> usersOfScale = new LinkedHashMap<>();
    private final List<String> variables = new ArrayList<>();
    /** Per global heap object (index = position + 1): the scale its one reference points to. */
    private final List<String> heapObjects = new ArrayList<>();

    /**
     * Puts a dimension {@code name} with its coordinate values (a 1-D Java array) in {@code file}'s root, as a
     * coordinate variable; returns the dataset for its CF attributes (units, axis, standard_name ...).
     */
    public WritableDataset dimension(WritableGroup file, String name, Object coordinates) {
        if (scales.containsKey(name)) {
            throw new IllegalArgumentException("dimension " + name + " is defined twice");
        }
        WritableDataset scale = file.putDataset(name, coordinates);
        scale.getAttributes().put("CLASS", RawAttribute.string("CLASS", scale, "DIMENSION_SCALE"));
        scale.getAttributes().put("NAME", RawAttribute.string("NAME", scale, name));
        scale.putAttribute("_Netcdf4Dimid", scales.size());
        scales.put(name, scale);
        usersOfScale.put(name, new ArrayList<>());
        return scale;
    }

    /** Names {@code variable}'s axes, in order, by dimensions defined before. */
    public void attach(WritableDataset variable, String... dimensions) {
        int ordinal = variables.size();
        variables.add(variable.getPath());
        ByteBuffer list = ByteBuffer.allocate(16 * dimensions.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int axis = 0; axis < dimensions.length; axis++) {
            String dim = dimensions[axis];
            WritableDataset scale = scales.get(dim);
            if (scale == null) {
                throw new IllegalArgumentException("no dimension " + dim);
            }
            heapObjects.add(dim);
            list.putInt(1).putLong(HEAP_PLACEHOLDER).putInt(heapObjects.size());
            List<int[]> users = usersOfScale.get(dim);
            if (users.isEmpty()) {
                scale.getAttributes().put("REFERENCE_LIST", new RawAttribute("REFERENCE_LIST", scale,
                        RawAttribute.referenceListElement(), () -> referenceList(users)));
            }
            users.add(new int[]{ordinal, axis});
        }
        byte[] bytes = list.array();
        variable.getAttributes().put("DIMENSION_LIST", new RawAttribute("DIMENSION_LIST", variable,
                RawAttribute.sequenceOf(RawAttribute.OBJECT_REFERENCE), () -> new RawAttribute.Payload(bytes, dimensions.length)));
    }

    private static RawAttribute.Payload referenceList(List<int[]> users) {
        ByteBuffer b = ByteBuffer.allocate(12 * users.size()).order(ByteOrder.LITTLE_ENDIAN);
        users.forEach(u -> b.putLong(REFERENCE_PLACEHOLDER | u[0]).putInt(u[1]));
        return new RawAttribute.Payload(b.array(), users.size());
    }

    /** Completes the references in {@code file}, which jHDF has written and closed. */
    public void finish(Path file) {
        if (heapObjects.isEmpty()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Map<String, Long> address = new LinkedHashMap<>();
            Addresses addresses = new Addresses(channel);
            scales.keySet().forEach(name -> address.put(name, addresses.of(name)));
            variables.forEach(path -> address.put(path, addresses.of(path)));
            long heapAddress = channel.size();
            ByteBuffer heap = globalHeap(address);
            channel.write(heap, heapAddress);
            long[] variableAddress = variables.stream().mapToLong(address::get).toArray();
            for (String path : variables) {
                patchHeader(channel, address.get(path), HEAP_PLACEHOLDER, ordinal -> heapAddress);
            }
            usersOfScale.forEach((scale, users) -> {
                if (!users.isEmpty()) {
                    patchHeader(channel, address.get(scale), REFERENCE_PLACEHOLDER, ordinal -> variableAddress[ordinal]);
                }
            });
            ByteBuffer superblock = new Superblock.SuperblockV2V3().toBuffer(heapAddress + heap.capacity());
            channel.write(superblock, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the dimension scales of " + file, e);
        }
    }

    /** Where the objects of a file jHDF has just written are, read from its group headers' links. */
    private static final class Addresses {
        private final FileChannel channel;
        private final Map<Long, Map<String, Long>> linksOfGroup = new java.util.HashMap<>();
        private final long root;

        Addresses(FileChannel channel) throws IOException {
            this.channel = channel;
            // superblock version 2 or 3: signature, version, sizes and flags, then the base, extension and end-of-file
            // addresses, then the root group's object header
            ByteBuffer superblock = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(superblock, 0);
            if (superblock.get(8) < 2 || superblock.get(9) != 8) {
                throw new IllegalStateException("expected a version 2 or 3 superblock with 8-byte addresses");
            }
            root = superblock.getLong(36);
        }

        long of(String path) {
            long at = root;
            for (String name : path.split("/")) {
                if (name.isEmpty()) {
                    continue;
                }
                Long child = linksOfGroup.computeIfAbsent(at, group -> ObjectHeaders.links(channel, group)).get(name);
                if (child == null) {
                    throw new IllegalStateException("no object " + path + " in the file written");
                }
                at = child;
            }
            return at;
        }
    }

    /** One collection: a sequence of one reference per (variable, axis), then the free space object. */
    private ByteBuffer globalHeap(Map<String, Long> address) {
        int used = 16 + heapObjects.size() * (HEAP_OBJECT_HEADER + 8);
        int size = Math.max(MIN_HEAP_SIZE, (used + HEAP_OBJECT_HEADER + 7) & ~7);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GCOL".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(size);
        for (int i = 0; i < heapObjects.size(); i++) {
            b.putShort((short) (i + 1)).putShort((short) 0).putInt(0).putLong(8).putLong(address.get(heapObjects.get(i)));
        }
        // The free space object's size counts its own header (libhdf5's H5HG reader steps over it by that size).
        long free = size - b.position();
        b.putShort((short) 0).putShort((short) 0).putInt(0).putLong(free);
        return b.rewind();
    }

    /**
     * Replaces each 8-byte placeholder {@code tag | ordinal} in the object header at {@code address} with
     * {@code real(ordinal)}.
     */
    private static void patchHeader(FileChannel channel, long address, long tag, java.util.function.IntToLongFunction real) {
        ObjectHeaders.rewrite(channel, address, header -> {
            int replaced = 0;
            for (int i = 0; i + 8 <= header.limit(); i++) {
                long value = header.getLong(i);
                if ((value & PLACEHOLDER_MASK) == tag) {
                    header.putLong(i, real.applyAsLong((int) (value & ~PLACEHOLDER_MASK)));
                    replaced++;
                    i += 7;
                }
            }
            return replaced;
        });
    }
}
