package io.patchserve.stacapi;

import io.patchserve.stac.MediaTypes;

import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.ItemCounts;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.StacRenderer;
import io.patchserve.catalog.TransactionService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.auth.Access;
import io.patchserve.stacapi.ItemCollectionResponder;
import io.patchserve.stacapi.QueryablesSchema;
import io.patchserve.http.Links;
import io.patchserve.release.ReleaseService;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

import static io.patchserve.stac.MediaTypes.GEOJSON;
import static io.patchserve.stac.MediaTypes.JSON;

/** STAC collections, their items (searched like /search) and single items; the publisher's writes (marked {@link Access}). */
@Path("/collections")
@RunOnVirtualThread
public class CollectionResource {

    private final CatalogService catalog;
    private final StacRenderer stac;
    private final Links links;
    private final ObjectMapper mapper;
    private final ItemCollectionResponder items;
    private final QueryablesSchema queryables;
    private final TransactionService transactions;
    private final ItemCounts counts;
    private final ReleaseService releases;

    public CollectionResource(CatalogService catalog, StacRenderer stac, Links links, ObjectMapper mapper,
                              ItemCollectionResponder items, QueryablesSchema queryables,
                              TransactionService transactions, ItemCounts counts, ReleaseService releases) {
        this.counts = counts;
        this.releases = releases;
        this.catalog = catalog;
        this.stac = stac;
        this.links = links;
        this.mapper = mapper;
        this.items = items;
        this.queryables = queryables;
        this.transactions = transactions;
    }

    @GET
    @Produces(JSON)
    public ObjectNode collections() {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode list = body.putArray("collections");
        catalog.collections().forEach(c -> list.add(stac.collection(c, links, counts.of(c))));
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
        CollectionEntity collection = catalog.collection(collectionId);
        ObjectNode json = stac.collection(collection, links, counts.of(collection));
        releases.annotate(json, collectionId, links);
        return json;
    }

    @POST
    @Access
    @Consumes(JSON)
    @Produces(JSON)
    public Response create(JsonNode body) {
        CollectionEntity created = transactions.createCollection(body);
        return Response.created(URI.create(links.collection(created.id))).entity(stac.collection(created, links)).build();
    }

    @PUT
    @Access
    @Path("/{collectionId}")
    @Consumes(JSON)
    @Produces(JSON)
    public ObjectNode update(@PathParam("collectionId") String collectionId, JsonNode body) {
        return stac.collection(transactions.updateCollection(collectionId, body), links);
    }

    @DELETE
    @Access
    @Path("/{collectionId}")
    public Response delete(@PathParam("collectionId") String collectionId) {
        transactions.deleteCollection(collectionId);
        return Response.noContent().build();
    }

    @DELETE
    @Access
    @Path("/{collectionId}/items/{itemId}")
    public Response deleteItem(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId) {
        transactions.deleteItem(collectionId, itemId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{collectionId}/queryables")
    @Produces({MediaTypes.SCHEMA_JSON, JSON})
    public ObjectNode queryables(@PathParam("collectionId") String collectionId) {
        return queryables.ofCollection(collectionId);
    }

    @GET
    @Path("/{collectionId}/items")
    @Produces({GEOJSON, JSON})
    public Buffer items(@PathParam("collectionId") String collectionId, @Context UriInfo uri) {
        return items.collectionItems(collectionId, uri.getQueryParameters());
    }

    @GET
    @Path("/{collectionId}/items/{itemId}")
    @Produces({GEOJSON, JSON})
    public ObjectNode item(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId) {
        return stac.item(catalog.item(collectionId, itemId), links);
    }
}
