package io.patchserve.ingest;

/**
 * One of {@code count} disjoint parts of a release, so that several pods (an indexed Kubernetes Job) can
 * ingest it together: a file belongs to part {@code floorMod(hash(key), count)}, with Java's specified
 * String hash, so every pod computes the same split.
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
        return count == 1 || Math.floorMod(key.hashCode(), count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
