package io.patchserve.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The conditional and range handling that every byte-serving route shares (assets, bundles, stacks): 304 when
 * If-None-Match hits, 416 for a range past the end, 206 with Content-Range for one satisfiable range (when
 * If-Range still holds), else 200. The builder comes back with ETag, Accept-Ranges and, unless {@link #done()},
 * Content-Length set; the caller adds its type and body for bytes {@code offset .. offset + count}.
 *
 * @param done the response is complete as it is (304 or 416): send it without a body
 */
public record Ranged(Response.ResponseBuilder builder, boolean done, long offset, long count) {

    public static Ranged of(String etag, long length, String ifNoneMatch, String rangeHeader, String ifRange) {
        if (EntityTags.noneMatchHits(ifNoneMatch, etag)) {
            return new Ranged(Response.notModified().header(HttpHeaders.ETAG, etag), true, 0, 0);
        }
        ByteRange.Request request = EntityTags.ifRangeHolds(ifRange, etag) ? ByteRange.parse(rangeHeader, length)
                : new ByteRange.Whole();
        Response.ResponseBuilder builder;
        long offset = 0, count = length;
        switch (request) {
            case ByteRange.Unsatisfiable u -> {
                return new Ranged(Response.status(416).header("Content-Range", "bytes */" + length)
                        .header(HttpHeaders.ETAG, etag).header("Accept-Ranges", "bytes"), true, 0, 0);
            }
            case ByteRange.Partial p -> {
                offset = p.range().first();
                count = p.range().length();
                builder = Response.status(206).header("Content-Range", p.range().contentRange(length));
            }
            case ByteRange.Whole w -> builder = Response.ok();
        }
        builder.header(HttpHeaders.CONTENT_LENGTH, count).header(HttpHeaders.ETAG, etag).header("Accept-Ranges", "bytes");
        return new Ranged(builder, false, offset, count);
    }
}
