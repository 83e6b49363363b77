package io.patchserve.raster.hdf5;

import io.jhdf.checksum.ChecksumUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and edits the version-2 object headers that jHDF wrote (one chunk each, as jHDF writes them): a group's
 * links, and edits in place that change bytes without changing the header's length, with the Jenkins checksum
 * recomputed.
 */
final class ObjectHeaders {

    private static final int LINK_MESSAGE = 0x0006;

    private ObjectHeaders() {
    }

    /** An edit of a header's bytes (position 0 .. limit: the header without its checksum); returns what it changed. */
    @FunctionalInterface
    interface Edit {
        int apply(ByteBuffer header);
    }

    static void rewrite(FileChannel channel, long address, Edit edit) {
        try {
            ByteBuffer header = read(channel, address);
            int length = header.limit();
            if (edit.apply(header) == 0) {
                throw new IllegalStateException("nothing to change in the object header at " + address);
            }
            header.limit(length + 4);
            header.putInt(length, ChecksumUtils.checksum(java.util.Arrays.copyOf(header.array(), length)));
            channel.write(header.rewind(), address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The hard links of the group whose object header is at {@code address}, by name: where each child's object
     * header is. Reads the header's link messages (jHDF writes a group's links into its header, not into a
     * fractal heap), so that a file just written need not be opened again as a whole to learn its addresses.
     */
    static Map<String, Long> links(FileChannel channel, long address) {
        try {
            ByteBuffer header = read(channel, address);
            int flags = header.get(5) & 0xFF;
            int at = messagesStart(flags);
            int messageHeader = 4 + ((flags & 0x04) != 0 ? 2 : 0); // type, size, flags [, creation order]
            Map<String, Long> links = new LinkedHashMap<>();
            while (at + messageHeader <= header.limit()) { // anything shorter at the end is a gap
                int type = header.get(at) & 0xFF;
                int size = header.getShort(at + 1) & 0xFFFF;
                if (type == LINK_MESSAGE) {
                    readLink(header, at + messageHeader, links);
                }
                at += messageHeader + size;
            }
            return links;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A link message (HDF5 format IV.A.2.g): a hard link's name and address; other kinds of link are left out. */
    private static void readLink(ByteBuffer header, int at, Map<String, Long> links) {
        int flags = header.get(at + 1) & 0xFF;
        int p = at + 2;
        int linkType = (flags & 0x08) != 0 ? header.get(p++) & 0xFF : 0;
        p += (flags & 0x04) != 0 ? 8 : 0; // creation order
        p += (flags & 0x10) != 0 ? 1 : 0; // character set
        int lengthBytes = 1 << (flags & 3);
        int nameLength = Math.toIntExact(little(header, p, lengthBytes));
        p += lengthBytes;
        String name = new String(header.array(), p, nameLength, StandardCharsets.UTF_8);
        if (linkType == 0) {
            links.put(name, header.getLong(p + nameLength));
        }
    }

    /** A version-2 object header of one chunk: position 0 .. limit is the header without its checksum. */
    private static ByteBuffer read(FileChannel channel, long address) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(6 + 16 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(prefix, address);
        if (prefix.getInt(0) != 0x5244484F) { // "OHDR"
            throw new IllegalStateException("no version-2 object header at " + address);
        }
        int flags = prefix.get(5) & 0xFF;
        int sizeBytes = 1 << (flags & 3);
        long chunk = little(prefix, messagesStart(flags) - sizeBytes, sizeBytes);
        int length = Math.toIntExact(messagesStart(flags) + chunk);
        ByteBuffer header = ByteBuffer.allocate(length + 4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(header, address);
        return header.clear().limit(length);
    }

    /** Where the messages start: after the signature, version, flags, the optional times and phase change values, and the chunk's size. */
    private static int messagesStart(int flags) {
        return 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0) + (1 << (flags & 3));
    }

    private static long little(ByteBuffer b, int at, int bytes) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (long) (b.get(at + i) & 0xFF) << (8 * i);
        }
        return value;
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
