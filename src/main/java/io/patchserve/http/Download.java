package io.patchserve.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Bytes a route sends whose length and strong entity tag are known before the first byte goes out: a stored
 * asset, a bundle's archive, a stacked HDF5 in a temporary file. Services return one; {@link RangedResponses}
 * answers conditional and range requests for it, names the file and streams the body. A download may hold
 * resources (a plan on disk, a temporary file): {@link #close()} releases them, called exactly once, after the
 * body is sent or at once when none is.
 */
public interface Download extends AutoCloseable {

    String contentType();

    /** The name a client saves it under (Content-Disposition). */
    String fileName();

    long length();

    /** A strong entity tag, quoted ({@link EntityTags#strong}): equal tags mean equal bytes. */
    String etag();

    /** Further response headers (e.g. a bundle's item and file counts). */
    default Map<String, Object> headers() {
        return Map.of();
    }

    /** The Cache-Control header, or null for none. */
    default String cacheControl() {
        return null;
    }

    /**
     * Makes ready to send bytes {@code offset .. offset + count}. Called before the status line is sent, so a
     * source that cannot be opened (S3 down) is still a clean error response, not a cut body.
     */
    Body open(long offset, long count) throws IOException;

    @Override
    default void close() {
    }

    /** The body of one response, written on the response's thread. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
