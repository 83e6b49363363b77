package io.patchserve.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.web.Links;
import io.patchserve.web.QueryParams;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import static io.patchserve.catalog.StacRenderer.GEOJSON;
import static io.patchserve.catalog.StacRenderer.JSON;

/** STAC collections and their items (OGC API Features). */
@Path("/collections")
@RunOnVirtualThread
public class CollectionResource {

    private final CatalogService catalog;
    private final StacRenderer stac;
    private final Links links;
    private final QueryParams params;
    private final ObjectMapper mapper;

    public CollectionResource(CatalogService catalog, StacRenderer stac, Links links, QueryParams params, ObjectMapper mapper) {
        this.catalog = catalog;
        this.stac = stac;
        this.links = links;
        this.params = params;
        this.mapper = mapper;
    }

    @GET
    @Produces(JSON)
    public ObjectNode collections() {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode list = body.putArray("collections");
        catalog.collections().forEach(c -> list.add(stac.collection(c, links)));
        ArrayNode l = body.putArray("links");
        StacRenderer.link(l, "self", links.collections(), JSON, null);
        StacRenderer.link(l, "root", links.root(), JSON, null);
        StacRenderer.link(l, "parent", links.root(), JSON, null);
        return body;
    }

    @GET
    @Path("/{collectionId}")
    @Produces(JSON)
    public ObjectNode collection(@PathParam("collectionId") String collectionId) {
        return stac.collection(catalog.collection(collectionId), links);
    }

    @GET
    @Path("/{collectionId}/items")
    @Produces({GEOJSON, JSON})
    public ObjectNode items(@PathParam("collectionId") String collectionId,
                            @QueryParam("limit") String limitParam,
                            @QueryParam("token") String token) {
        int limit = params.limit(limitParam);
        CatalogService.ItemPage page = catalog.itemPage(collectionId, PageCursor.parse(token), limit);

        ObjectNode body = mapper.createObjectNode();
        body.put("type", "FeatureCollection");
        ArrayNode features = body.putArray("features");
        page.items().forEach(item -> features.add(stac.item(item, links)));
        body.put("numberMatched", page.matched());
        body.put("numberReturned", page.items().size());
        ArrayNode l = body.putArray("links");
        String self = links.items(collectionId) + "?limit=" + limit
                + (token == null || token.isEmpty() ? "" : "&token=" + Links.query(token));
        StacRenderer.link(l, "self", self, GEOJSON, null);
        StacRenderer.link(l, "root", links.root(), JSON, null);
        StacRenderer.link(l, "parent", links.collection(collectionId), JSON, null);
        StacRenderer.link(l, "collection", links.collection(collectionId), JSON, null);
        if (page.next() != null) {
            StacRenderer.link(l, "next", links.items(collectionId) + "?limit=" + limit + "&token=" + page.next().token(), GEOJSON, null);
        }
        return body;
    }

    @GET
    @Path("/{collectionId}/items/{itemId}")
    @Produces({GEOJSON, JSON})
    public ObjectNode item(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId) {
        return stac.item(catalog.item(collectionId, itemId), links);
    }
}
