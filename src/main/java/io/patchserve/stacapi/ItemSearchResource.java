package io.patchserve.stacapi;

import io.patchserve.stac.MediaTypes;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.UriInfo;

import static io.patchserve.stac.MediaTypes.GEOJSON;
import static io.patchserve.stac.MediaTypes.JSON;

/** STAC item search: GET and POST /search. A collection's items are in {@code catalog.CollectionResource}. */
@Path("/search")
@RunOnVirtualThread
public class ItemSearchResource {

    private final ItemCollectionResponder responder;

    public ItemSearchResource(ItemCollectionResponder responder) {
        this.responder = responder;
    }

    @GET
    @Produces({GEOJSON, JSON})
    public Buffer get(@Context UriInfo uri) {
        return responder.searchGet(uri.getQueryParameters());
    }

    @POST
    @Consumes(JSON)
    @Produces({GEOJSON, JSON})
    public Buffer post(JsonNode body) {
        return responder.searchPost(body);
    }
}
