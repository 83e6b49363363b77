package io.patchserve.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * An asset's bytes on local disk, already checked and digested, waiting for upload.
 *
 * @param extension file name extension of the object key, with its dot (".png")
 * @param crc32     CRC-32 of the bytes, computed in the same read as the digest
 */
public record LocalAsset(Path file, String type, long size, String sha256, List<String> roles, String title,
                         String fileName, String extension, long crc32) {
}
