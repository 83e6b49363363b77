package io.patchserve.ingest;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks the regular files of a release: a folder (in name order, so progress and reports are stable) or a
 * .tar / .tar.gz / .tar.zst streamed entry by entry. An archive entry is spooled to a temporary file that its visitor
 * releases, so memory and disk use depend on how many entries are in flight, not on the archive's size.
 */
public final class SourceFiles {

    /** Receives each file, and with it the duty to {@link SourceFile#release()} it once done. */
    @FunctionalInterface
    public interface Visitor {
        void visit(SourceFile file) throws Exception;

        /** Told how many files follow, when the walk knows before it starts (a folder; not an archive). */
        default void expect(long files) {
        }
    }

    static final String LINKS_REFUSED = "links are not followed (a release's files must be its own)";

    private SourceFiles() {
    }

    public static boolean isArchive(Path source) {
        String name = source.getFileName().toString().toLowerCase();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar") || name.endsWith(".tar.zst")
                || name.endsWith(".tzst");
    }

    /**
     * The archive's bytes as a tar stream: gzip and zstd are recognised by their magic numbers, not their names
     * (BigEarthNet v2's zstd archives are published both as .tar.zst and as .tar).
     */
    static InputStream tarStream(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GzipCompressorInputStream(in, true);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return new ZstdCompressorInputStream(in);
        }
        return in;
    }

    /**
     * The archive's entries, decompressed (gzip, zstd or none) behind an {@link ExpansionGuard} that counts the
     * archive bytes read against the bytes it expands to. Closing the tar stream closes the file.
     */
    private static TarArchiveInputStream openTar(Path archive, ArchiveLimits limits) throws IOException {
        BoundedInputStream raw = BoundedInputStream.builder()
                .setInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16)).get();
        try {
            return new TarArchiveInputStream(new ExpansionGuard(tarStream(raw), raw::getCount, limits));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** What {@link #extract} made of an archive: how many files, and why it stopped early (null when it did not). */
    public record Extracted(int files, String stoppedBecause) {
    }

    /**
     * Extracts the regular files of a .tar (plain, gzip or zstd) into {@code target}, within the archive limits.
     * Entry names that would leave {@code target} (absolute, {@code ..}) and links are not extracted. When the
     * archive cannot be read to its end (truncated, corrupt), the entry being read is removed and the files
     * before it stay: the result says why it stopped, and the patches whose files are missing are skipped with
     * that reason, while everything before lands.
     */
    public static Extracted extract(Path archive, Path target, ArchiveLimits limits) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        int files = 0;
        Path current = null;
        try (TarArchiveInputStream tar = openTar(archive, limits)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile() || entry.isSymbolicLink() || entry.isLink() || entry.getSize() > limits.entryBytes()) {
                    continue;
                }
                Path out = root.resolve(stripDotSlash(entry.getName())).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    continue;
                }
                Files.createDirectories(out.getParent());
                current = out;
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                current = null;
                files++;
            }
            return new Extracted(files, null);
        } catch (ExpansionGuard.ArchiveTooLargeException e) {
            throw new IOException("cannot read archive " + archive.getFileName() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (current != null) {
                Files.deleteIfExists(current);
            }
            return new Extracted(files, archive.getFileName() + " could not be read past its first " + files + " files ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")");
        }
    }

    /**
     * Visits every file of the release. Links are not followed (a release's files are its own: a link could
     * publish any file the process can read), and archive entries larger than the limits' entry size are not
     * spooled; both are visited as {@link SourceFile#refused} files, so that the report names them. An archive
     * that expands past its limits stops the walk with an IOException.
     */
    public static void forEach(Path source, Path workDir, ArchiveLimits limits, Visitor visitor) throws Exception {
        if (Files.isDirectory(source)) {
            walkFolder(source, visitor);
        } else if (Files.isRegularFile(source) && isArchive(source)) {
            walkArchive(source, workDir, limits, visitor);
        } else if (!Files.exists(source)) {
            throw new IllegalArgumentException("source " + source + " does not exist");
        } else {
            throw new IllegalArgumentException("source " + source + " is neither a folder nor a .tar/.tar.gz/.tgz/.tar.zst archive");
        }
    }

    private static void walkFolder(Path root, Visitor visitor) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            // Files.walk does not descend into linked folders; linked files are refused below, not opened
            files = walk.filter(p -> Files.isSymbolicLink(p) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        visitor.expect(files.size());
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            visitor.visit(Files.isSymbolicLink(file) ? SourceFile.refused(name, LINKS_REFUSED) : new SourceFile(name, file, false));
        }
    }

    private static void walkArchive(Path archive, Path workDir, ArchiveLimits limits, Visitor visitor) throws Exception {
        Files.createDirectories(workDir);
        long maxEntryBytes = limits.entryBytes();
        try (TarArchiveInputStream tar = openTar(archive, limits)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = stripDotSlash(entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    visitor.visit(SourceFile.refused(name, "link entries are not supported"));
                    continue;
                }
                if (!entry.isFile()) {
                    continue;
                }
                if (entry.getSize() > maxEntryBytes) {
                    visitor.visit(SourceFile.refused(name, "an entry of " + entry.getSize() + " bytes is larger than the "
                            + maxEntryBytes + " read here (patchserve.ingest.max-archive-entry-bytes)"));
                    continue;
                }
                Path spool = Files.createTempFile(workDir, "entry-", ".part");
                SourceFile file = new SourceFile(name, spool, true);
                try {
                    Files.copy(tar, spool, StandardCopyOption.REPLACE_EXISTING);
                    visitor.visit(file);
                } catch (Exception e) {
                    file.release();
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read archive " + archive.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static String stripDotSlash(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }
}
