package io.patchserve.bundle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything a bundle will contain, decided before its first byte is sent: the entries in order with their
 * sizes, SHA-256s and CRC-32s (objects from the index; LICENSE, CITATION and the manifests generated into files),
 * hence the archive's exact length, its gzip CRC and its ETag. The entry list and the manifests live in a
 * folder on disk, so a plan of a million items costs disk, not memory. {@link #close()} deletes the folder.
 */
final class BundlePlan implements AutoCloseable {

    /** One tar entry: an object in the bucket, or a file this plan generated (source is then a file name). */
    record Entry(String path, long size, String sha256, long crc32, boolean generated, String source) {

        static Entry parse(String line) {
            String[] f = line.split("\t", -1);
            return new Entry(f[0], Long.parseLong(f[1]), f[2], Long.parseLong(f[3]), f[4].equals("g"), f[5]);
        }

        String line() {
            return path + "\t" + size + "\t" + sha256 + "\t" + crc32 + "\t" + (generated ? "g" : "o") + "\t" + source + "\n";
        }
    }

    final Path dir;
    final long items;
    final long files;
    final long dataBytes;
    final long tarLength;
    final long tarCrc;
    final String digest;

    BundlePlan(Path dir, long items, long files, long dataBytes, long tarLength, long tarCrc, String digest) {
        this.dir = dir;
        this.items = items;
        this.files = files;
        this.dataBytes = dataBytes;
        this.tarLength = tarLength;
        this.tarCrc = tarCrc;
        this.digest = digest;
    }

    static Path entriesFile(Path dir) {
        return dir.resolve("entries.tsv");
    }

    /** Calls {@code action} for every entry, in archive order, reading the list from disk. */
    void forEachEntry(Consumer<Entry> action) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(entriesFile(dir), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                action.accept(Entry.parse(line));
            }
        }
    }

    Path generated(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover plan in the temp folder is harmless
        }
    }
}
