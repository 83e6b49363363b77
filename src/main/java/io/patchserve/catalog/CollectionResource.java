package io.patchserve.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.search.ItemCollectionResponder;
import io.patchserve.search.QueryablesSchema;
import io.patchserve.web.Links;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import static io.patchserve.catalog.StacRenderer.GEOJSON;
import static io.patchserve.catalog.StacRenderer.JSON;

/** STAC collections, their items (searched like /search) and single items. */
@Path("/collections")
@RunOnVirtualThread
public class CollectionResource {

    private final CatalogService catalog;
    private final StacRenderer stac;
    private final Links links;
    private final ObjectMapper mapper;
    private final ItemCollectionResponder items;
    private final QueryablesSchema queryables;

    public CollectionResource(CatalogService catalog, StacRenderer stac, Links links, ObjectMapper mapper,
                              ItemCollectionResponder items, QueryablesSchema queryables) {
        this.catalog = catalog;
        this.stac = stac;
        this.links = links;
        this.mapper = mapper;
        this.items = items;
        this.queryables = queryables;
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
    @Path("/{collectionId}/queryables")
    @Produces({QueryablesSchema.SCHEMA_JSON, JSON})
    public ObjectNode queryables(@PathParam("collectionId") String collectionId) {
        return queryables.ofCollection(collectionId);
    }

    @GET
    @Path("/{collectionId}/items")
    @Produces({GEOJSON, JSON})
    public ObjectNode items(@PathParam("collectionId") String collectionId, @Context UriInfo uri) {
        return items.collectionItems(collectionId, uri.getQueryParameters());
    }

    @GET
    @Path("/{collectionId}/items/{itemId}")
    @Produces({GEOJSON, JSON})
    public ObjectNode item(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId) {
        return stac.item(catalog.item(collectionId, itemId), links);
    }
}
