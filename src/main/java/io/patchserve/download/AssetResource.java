package io.patchserve.download;

import io.micrometer.core.instrument.Counter;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.http.ConditionalRequest;
import io.patchserve.http.Download;
import io.patchserve.http.EntityTags;
import io.patchserve.http.RangedResponses;
import io.patchserve.ops.Metrics;
import io.patchserve.storage.ObjectStore;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
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
                        @PathParam("assetKey") String assetKey, @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(download(catalog.asset(collectionId, itemId, assetKey)), conditions, true);
    }

    @HEAD
    public Response head(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                         @PathParam("assetKey") String assetKey, @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(download(catalog.asset(collectionId, itemId, assetKey)), conditions, false);
    }

    private Download download(StoredAsset asset) {
        return new Download() {
            @Override
            public String contentType() {
                return asset.type();
            }

            @Override
            public String fileName() {
                return asset.fileName();
            }

            @Override
            public long length() {
                return asset.size();
            }

            @Override
            public String etag() {
                return EntityTags.strong(asset.sha256());
            }

            @Override
            public String cacheControl() {
                return "public, max-age=31536000, immutable"; // a key names its bytes for ever
            }

            @Override
            public Body open(long offset, long count) {
                InputStream in = store.open(asset.objectKey(), offset, count);
                return out -> {
                    try (in) {
                        byte[] buffer = new byte[64 * 1024]; // the JDK's transferTo moves 16 KiB at a time
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            out.write(buffer, 0, n);
                            bytesServed.increment(n);
                        }
                    }
                };
            }
        };
    }
}
