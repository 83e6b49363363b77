package io.patchserve.catalog;

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
 */
public record StoredAsset(String objectKey, String type, long size, String sha256, List<String> roles, String title,
                          String fileName) {
}
