package io.patchserve.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * An asset's bytes on local disk, already checked and digested, waiting for upload.
 *
 * @param extension file name extension of the object key, with its dot (".png")
 */
public record LocalAsset(Path file, String type, long size, String sha256, List<String> roles, String title,
                         String fileName, String extension) {
}
