package io.patchserve.ingest;

import io.patchserve.storage.Digests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A private folder for the files ingest makes for one item (its HDF5, its preview); deleted on release. */
public final class WorkFolder {

    private final Path path;

    private WorkFolder(Path path) {
        this.path = path;
    }

    public static WorkFolder create(Path workDir, String prefix) throws IOException {
        Files.createDirectories(workDir);
        return new WorkFolder(Files.createTempDirectory(workDir, prefix));
    }

    public Path file(String name) {
        return path.resolve(name);
    }

    /** An asset made in this folder, digested for its key and checksum. */
    public LocalAsset asset(String name, String type, List<String> roles, String title, String fileName,
                            String extension) throws IOException {
        Path file = file(name);
        MessageDigest sha256 = Digests.sha256();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (InputStream in = new java.util.zip.CheckedInputStream(new DigestInputStream(Files.newInputStream(file), sha256), crc)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        return new LocalAsset(file, type, Files.size(file), Digests.hex(sha256), roles, title, fileName, extension,
                crc.getValue());
    }

    public void delete() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover in the work folder is harmless; the next run's folders are new
                }
            });
        } catch (IOException e) {
            // as above
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
