package io.patchserve.raster.hdf5;

import io.jhdf.checksum.ChecksumUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Edits a version-2 object header that jHDF wrote (one chunk, as jHDF writes them) in place: the edit changes
 * bytes without changing the header's length, and the Jenkins checksum is recomputed.
 */
final class ObjectHeaders {

    private ObjectHeaders() {
    }

    /** An edit of a header's bytes (position 0 .. limit: the header without its checksum); returns what it changed. */
    @FunctionalInterface
    interface Edit {
        int apply(ByteBuffer header);
    }

    static void rewrite(FileChannel channel, long address, Edit edit) {
        try {
            ByteBuffer prefix = ByteBuffer.allocate(6 + 16 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(prefix, address);
            if (prefix.getInt(0) != 0x5244484F) { // "OHDR"
                throw new IllegalStateException("no version-2 object header at " + address);
            }
            int flags = prefix.get(5) & 0xFF;
            int at = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
            int sizeBytes = 1 << (flags & 3);
            long chunk = 0;
            for (int i = 0; i < sizeBytes; i++) {
                chunk |= (long) (prefix.get(at + i) & 0xFF) << (8 * i);
            }
            int length = Math.toIntExact(at + sizeBytes + chunk);
            ByteBuffer header = ByteBuffer.allocate(length + 4).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, address);
            if (edit.apply(header.clear().limit(length)) == 0) {
                throw new IllegalStateException("nothing to change in the object header at " + address);
            }
            header.limit(length + 4);
            header.putInt(length, ChecksumUtils.checksum(java.util.Arrays.copyOf(header.array(), length)));
            channel.write(header.rewind(), address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces every occurrence of {@code from} with {@code to} (same length); returns how many. */
    static int replace(ByteBuffer header, byte[] from, byte[] to) {
        int replaced = 0;
        for (int i = 0; i + from.length <= header.limit(); i++) {
            if (header.get(i) == from[0] && header.slice(i, from.length).equals(ByteBuffer.wrap(from))) {
                header.put(i, to);
                replaced++;
                i += from.length - 1;
            }
        }
        return replaced;
    }

    /** Little-endian 8-byte values, as HDF5 stores addresses and lengths here. */
    static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
