package io.patchserve.ingest;

/**
 * One of {@code count} disjoint parts of a release, so that several pods (an indexed Kubernetes Job) can
 * ingest it together: a file belongs to part {@code CRC-32(key) mod count}, which every pod computes alike
 * (String.hashCode spreads names that differ in a digit or two badly: eight SMCEFR names all fell in one half).
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be INDEX/COUNT with 0 <= INDEX < COUNT, got " + index + "/" + count);
        }
    }

    /** Parses {@code INDEX/COUNT}, e.g. {@code 2/8}. */
    public static Shard parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException("shard must be INDEX/COUNT, e.g. 0/4, got '" + text + "'");
    }

    public boolean owns(String key) {
        if (count == 1) {
            return true;
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue() % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
