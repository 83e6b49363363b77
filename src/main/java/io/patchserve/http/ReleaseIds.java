package io.patchserve.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a release of a collection is named. A release is stored and identified as the collection
 * {@code {collection}@{version}} (so every read of a collection works on it as it is, and a STAC client may
 * search it as {@code collections=bigearthnet@v1.0}), and addressed as
 * {@code /collections/{collection}/releases/{version}}, the form every link takes.
 */
public final class ReleaseIds {

    public static final char SEPARATOR = '@';
    /** What a version may be called: letters, digits, '.', '_', '-', starting with a letter or digit (v1.0, 2024-06). */
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ReleaseIds() {
    }

    /** The id of {@code collectionId}'s release {@code version}. */
    public static String of(String collectionId, String version) {
        return collectionId + SEPARATOR + version;
    }

    public static boolean isRelease(String id) {
        return id != null && id.indexOf(SEPARATOR) > 0;
    }

    /** The released collection's id: the id itself for a collection that is not a release. */
    public static String collectionOf(String id) {
        int at = id.indexOf(SEPARATOR);
        return at > 0 ? id.substring(0, at) : id;
    }

    /** The version of a release id; empty for a collection that is not a release. */
    public static Optional<String> versionOf(String id) {
        int at = id.indexOf(SEPARATOR);
        return at > 0 ? Optional.of(id.substring(at + 1)) : Optional.empty();
    }

    public static boolean isValidVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }
}
