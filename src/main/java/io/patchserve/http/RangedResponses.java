package io.patchserve.http;

import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.util.Map;

/**
 * The response every byte-serving route gives (assets, bundles, stacks, crops as HDF5): 304 when If-None-Match
 * hits, 416 for a range past the end, 206 with Content-Range for one satisfiable range (when If-Range still
 * holds), else 200; with ETag, Accept-Ranges, Content-Length, the type, a Content-Disposition naming the file,
 * and the body streamed from {@link Download#open}. The download is closed once, whatever happens.
 */
public final class RangedResponses {

    private RangedResponses() {
    }

    public static Response of(Download download, ConditionalRequest conditions, boolean withBody) throws IOException {
        boolean handedOver = false;
        try {
            String etag = download.etag();
            long length = download.length();
            Response.ResponseBuilder response;
            long offset = 0, count = length;
            if (EntityTags.noneMatchHits(conditions.ifNoneMatch(), etag)) {
                return Response.notModified().header(HttpHeaders.ETAG, etag).build();
            }
            ByteRange.Request range = EntityTags.ifRangeHolds(conditions.ifRange(), etag)
                    ? ByteRange.parse(conditions.range(), length) : new ByteRange.Whole();
            switch (range) {
                case ByteRange.Unsatisfiable u -> throw new ApiException(ErrorCode.RANGE_NOT_SATISFIABLE,
                        "the range '" + conditions.range() + "' starts past the end of the " + length + " bytes")
                        .withHeader("Content-Range", "bytes */" + length).withHeader(HttpHeaders.ETAG, etag)
                        .withHeader("Accept-Ranges", "bytes");
                case ByteRange.Partial p -> {
                    offset = p.range().first();
                    count = p.range().length();
                    response = Response.status(206).header("Content-Range", p.range().contentRange(length));
                }
                case ByteRange.Whole w -> response = Response.ok();
            }
            response.header(HttpHeaders.CONTENT_LENGTH, count).header(HttpHeaders.ETAG, etag).header("Accept-Ranges", "bytes")
                    .type(download.contentType())
                    .header("Content-Disposition", disposition(download));
            if (download.cacheControl() != null) {
                response.header("Cache-Control", download.cacheControl());
            }
            for (Map.Entry<String, Object> header : download.headers().entrySet()) {
                response.header(header.getKey(), header.getValue());
            }
            if (withBody && count > 0) {
                Download.Body body = download.open(offset, count);
                response.entity((StreamingOutput) out -> {
                    try (download) {
                        body.writeTo(out);
                    }
                });
                handedOver = true;
            }
            return response.build();
        } finally {
            if (!handedOver) {
                download.close();
            }
        }
    }

    /**
     * Images (previews, PNG assets) are shown where a browser opens them; data (HDF5, archives, GeoTIFFs) is saved
     * under its file name.
     */
    static String disposition(Download download) {
        String type = download.contentType() == null ? "" : download.contentType();
        return type.startsWith("image/png") || type.startsWith("image/jpeg")
                ? ContentDisposition.inline(download.fileName()) : ContentDisposition.attachment(download.fileName());
    }
}
