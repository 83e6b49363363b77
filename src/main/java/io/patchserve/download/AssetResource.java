package io.patchserve.download;

import io.patchserve.http.ContentDisposition;
import io.patchserve.http.EntityTags;
import io.patchserve.http.Ranged;

import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.StoredAsset;
import io.micrometer.core.instrument.Counter;
import io.patchserve.storage.ObjectStore;
import io.patchserve.ops.Metrics;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;

/**
 * The stored bytes of an asset, streamed from S3 to the socket: strong ETag from the sha256, conditional
 * GET, one byte range per request, and a Content-Disposition that names the file.
 */
@Path("/collections/{collectionId}/items/{itemId}/assets/{assetKey}")
@RunOnVirtualThread
public class AssetResource {

    private final CatalogService catalog;
    private final ObjectStore store;
    private final Counter bytesServed;

    public AssetResource(CatalogService catalog, ObjectStore store, Metrics metrics) {
        this.catalog = catalog;
        this.store = store;
        this.bytesServed = metrics.bytesServed("asset");
    }

    @GET
    public Response get(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                        @PathParam("assetKey") String assetKey, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        return respond(catalog.asset(collectionId, itemId, assetKey), ifNoneMatch, range, ifRange, true);
    }

    @HEAD
    public Response head(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                         @PathParam("assetKey") String assetKey, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        return respond(catalog.asset(collectionId, itemId, assetKey), ifNoneMatch, range, ifRange, false);
    }

    private Response respond(StoredAsset asset, String ifNoneMatch, String rangeHeader, String ifRange, boolean withBody) {
        String etag = EntityTags.strong(asset.sha256());
        Ranged ranged = Ranged.of(etag, asset.size(), ifNoneMatch, rangeHeader, ifRange);
        Response.ResponseBuilder response = ranged.builder();
        if (ranged.done()) {
            return response.build();
        }
        long offset = ranged.offset();
        long length = ranged.count();
        response.type(asset.type())
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Content-Disposition", ContentDisposition.attachment(asset.fileName()));
        if (withBody) {
            response.entity(stream(asset.objectKey(), offset, length));
        }
        return response.build();
    }

    private StreamingOutput stream(String objectKey, long offset, long length) {
        if (length == 0) {
            return out -> { };
        }
        // Open before the status line is sent, so that S3 being down is still a clean 503, not a cut body.
        InputStream in = store.open(objectKey, offset, length);
        return out -> {
            try (in) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    bytesServed.increment(n);
                }
            }
        };
    }
}
