package io.patchserve.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of a dataset release, readable on local disk.
 *
 * @param name      the file's path inside the release (a folder or archive), with '/' separators
 * @param path      where its bytes are now: the file itself, or a spooled copy of an archive entry
 * @param temporary whether {@code path} is a spooled copy that {@link #release()} deletes
 * @param refusal   why the walk did not read the file (a link, an entry too large), or null: a refused file has
 *                  no bytes to read and is reported as skipped with this reason
 */
public record SourceFile(String name, Path path, boolean temporary, String refusal) {

    public SourceFile(String name, Path path, boolean temporary) {
        this(name, path, temporary, null);
    }

    /** A file of the release that the walk refused to read. */
    public static SourceFile refused(String name, String reason) {
        return new SourceFile(name, null, false, reason);
    }

    /** Done with the file: a spooled copy is deleted, a file of the release is left alone. */
    public void release() {
        if (temporary && path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a leftover spool file in the work folder is harmless; the next run's folder is new
            }
        }
    }

    /** The last path element. */
    public String baseName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
