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
 */
public record SourceFile(String name, Path path, boolean temporary) {

    /** Done with the file: a spooled copy is deleted, a file of the release is left alone. */
    public void release() {
        if (temporary) {
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
