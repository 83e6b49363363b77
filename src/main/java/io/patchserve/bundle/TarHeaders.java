package io.patchserve.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The header bytes of one tar entry, identical for the same path and size every time: POSIX ustar, mode 0644,
 * owner 0:0 without names, and a fixed mtime (2000-01-01T00:00:00Z), so that the same selection is the same
 * archive. Paths that do not fit ustar's name/prefix fields, and sizes of 8 GiB or more, get a PAX extended
 * header before the ustar one, as GNU tar and Python's tarfile read.
 */
final class TarHeaders {

    static final int BLOCK = 512;
    static final long MTIME = 946_684_800L;
    private static final long USTAR_MAX_SIZE = 077777777777L;

    private TarHeaders() {
    }

    /** The header block(s) of a regular file entry. */
    static byte[] file(String path, long size) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        String[] split = ustarSplit(path);
        boolean pax = split == null || size > USTAR_MAX_SIZE || !StandardCharsets.US_ASCII.newEncoder().canEncode(path);
        if (!pax) {
            return ustar(split[0], split[1], size, '0');
        }
        StringBuilder records = new StringBuilder();
        records.append(paxRecord("path", path));
        if (size > USTAR_MAX_SIZE) {
            records.append(paxRecord("size", Long.toString(size)));
        }
        byte[] paxData = records.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ustar(truncate("PaxHeaders/" + lastPart(path), 100), "", paxData.length, 'x'));
        out.writeBytes(paxData);
        out.writeBytes(new byte[padding(paxData.length)]);
        String fallback = split != null ? split[0] : truncate(lastPart(path), 100);
        out.writeBytes(ustar(fallback, split != null ? split[1] : "", Math.min(size, USTAR_MAX_SIZE), '0'));
        return out.toByteArray();
    }

    /** Zero bytes after {@code size} bytes of data, up to the next 512-byte boundary. */
    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    /** "%d %s=%s\n", the length counting its own digits. */
    private static String paxRecord(String key, String value) {
        int body = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int length = body + String.valueOf(body).length();
        if (String.valueOf(length).length() != String.valueOf(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    /** {name, prefix} when the path fits ustar (name <= 100 bytes, prefix <= 155, split at a '/'), else null. */
    private static String[] ustarSplit(String path) {
        if (path.length() <= 100) {
            return new String[]{path, ""};
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String prefix = path.substring(0, slash), name = path.substring(slash + 1);
            if (prefix.length() <= 155 && name.length() <= 100 && !name.isEmpty()) {
                return new String[]{name, prefix};
            }
        }
        return null;
    }

    private static String lastPart(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static byte[] ustar(String name, String prefix, long size, char type) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, MTIME);
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int at, int max, byte[] value) {
        System.arraycopy(value, 0, h, at, Math.min(max, value.length));
    }

    /** Zero-padded octal digits and a NUL, filling {@code width} bytes. */
    private static void octal(byte[] h, int at, int width, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
        put(h, at, width - 1, padded.getBytes(StandardCharsets.US_ASCII));
        h[at + width - 1] = 0;
    }
}
