package io.patchserve.ingest;

import io.patchserve.storage.Digests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files ingest makes for one item (its HDF5, its preview), named apart from every other item's in the work
 * directory and deleted on release. Not a folder of their own: making, listing and removing a folder per item was
 * about 3 % of a small patch's ingest (and creating the work directory again threw twice per item).
 */
public final class WorkFiles {

    /** Sets this process's names apart from another's (another import's process) in a shared work directory. */
    private static final String PROCESS = ProcessHandle.current().pid() + "-"
            + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16);
    private static final AtomicLong NEXT = new AtomicLong();

    private final Path directory;
    private final String stem;
    private final Set<Path> files = new LinkedHashSet<>();

    private WorkFiles(Path directory, String stem) {
        this.directory = directory;
        this.stem = stem;
    }

    public static WorkFiles create(Path workDir, String prefix) throws IOException {
        if (!Files.isDirectory(workDir)) {
            Files.createDirectories(workDir);
        }
        return new WorkFiles(workDir, prefix + PROCESS + "-" + NEXT.incrementAndGet() + "-");
    }

    /** The path of this item's file {@code name}: the same path each time it is asked for. */
    public Path file(String name) {
        Path file = directory.resolve(stem + name);
        files.add(file);
        return file;
    }

    /** An asset made as {@link #file}, digested for its key and checksum. */
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
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover in the work directory is harmless: no later item's names are the same
            }
        }
        files.clear();
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
