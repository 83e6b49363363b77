package io.patchserve.web;

import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.ItemStore;
import io.patchserve.error.ApiException;
import io.patchserve.http.Links;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * A collection's picture: a redirect to its first item's preview (or thumbnail, or image), so that a list of
 * datasets shows each with one request its browser makes lazily.
 */
@Path("/collections/{collectionId}/thumbnail")
@RunOnVirtualThread
public class ThumbnailResource {

    private static final List<String> PICTURES = List.of("preview", "thumbnail", "image");

    private final CatalogService catalog;
    private final ItemStore items;
    private final Links links;

    public ThumbnailResource(CatalogService catalog, ItemStore items, Links links) {
        this.catalog = catalog;
        this.items = items;
        this.links = links;
    }

    @GET
    public Response thumbnail(@PathParam("collectionId") String collectionId) {
        catalog.collection(collectionId);
        ItemRow first = items.first(collectionId)
                .orElseThrow(() -> ApiException.notFound("collection '" + collectionId + "' has no items to show"));
        String key = PICTURES.stream().filter(first.assets()::containsKey).findFirst()
                .orElseThrow(() -> ApiException.notFound("collection '" + collectionId + "''s items have no preview"));
        return Response.seeOther(URI.create(links.asset(collectionId, first.itemId(), key)))
                .header("Cache-Control", "public, max-age=300").build();
    }
}
