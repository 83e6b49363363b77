package io.patchserve.ingest;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks the regular files of a release: a folder (in name order, so progress and reports are stable) or a
 * .tar / .tar.gz streamed entry by entry. An archive entry is spooled to a temporary file that its visitor
 * releases, so memory and disk use depend on how many entries are in flight, not on the archive's size.
 */
public final class SourceFiles {

    /** Receives each file, and with it the duty to {@link SourceFile#release()} it once done. */
    @FunctionalInterface
    public interface Visitor {
        void visit(SourceFile file) throws Exception;
    }

    private SourceFiles() {
    }

    public static boolean isArchive(Path source) {
        String name = source.getFileName().toString().toLowerCase();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar");
    }

    public static void forEach(Path source, Path workDir, Visitor visitor) throws Exception {
        if (Files.isDirectory(source)) {
            walkFolder(source, visitor);
        } else if (Files.isRegularFile(source) && isArchive(source)) {
            walkArchive(source, workDir, visitor);
        } else if (!Files.exists(source)) {
            throw new IllegalArgumentException("source " + source + " does not exist");
        } else {
            throw new IllegalArgumentException("source " + source + " is neither a folder nor a .tar/.tar.gz/.tgz archive");
        }
    }

    private static void walkFolder(Path root, Visitor visitor) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : files) {
            visitor.visit(new SourceFile(root.relativize(file).toString().replace('\\', '/'), file, false));
        }
    }

    private static void walkArchive(Path archive, Path workDir, Visitor visitor) throws Exception {
        Files.createDirectories(workDir);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             InputStream decompressed = archive.getFileName().toString().toLowerCase().endsWith(".tar")
                     ? raw : new GzipCompressorInputStream(raw, true);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                Path spool = Files.createTempFile(workDir, "entry-", ".part");
                SourceFile file = new SourceFile(stripDotSlash(entry.getName()), spool, true);
                try {
                    Files.copy(tar, spool, StandardCopyOption.REPLACE_EXISTING);
                    visitor.visit(file);
                } catch (Exception e) {
                    file.release();
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read archive " + archive + ": " + e.getMessage(), e);
        }
    }

    private static String stripDotSlash(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }
}
