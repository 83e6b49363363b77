package io.patchserve.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One object of an item as the index records it: where it is in the bucket and what its bytes are.
 *
 * @param objectKey S3 key; immutable, it names exactly these bytes
 * @param type      media type, e.g. image/png
 * @param size      length in bytes
 * @param sha256    lower-case hex SHA-256 of the bytes
 * @param roles     STAC asset roles (data, visual, thumbnail, metadata ...)
 * @param title     human-readable title, may be null
 * @param fileName  name a download is saved under
 * @param crc32     CRC-32 of the bytes (gzip's checksum, which bundles combine without reading the bytes);
 *                  null for assets stored before it was recorded, filled in when a bundle first needs it
 */
public record StoredAsset(String objectKey, String type, long size, String sha256, List<String> roles, String title,
                          String fileName, @JsonInclude(JsonInclude.Include.NON_NULL) Long crc32) {

    public StoredAsset(String objectKey, String type, long size, String sha256, List<String> roles, String title,
                       String fileName) {
        this(objectKey, type, size, sha256, roles, title, fileName, null);
    }

    public StoredAsset withCrc32(long crc) {
        return new StoredAsset(objectKey, type, size, sha256, roles, title, fileName, crc);
    }
}
