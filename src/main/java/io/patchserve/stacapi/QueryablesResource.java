package io.patchserve.stacapi;

import io.patchserve.stac.MediaTypes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** GET /queryables: what filter may name across all collections. Per collection: {@code CollectionResource}. */
@Path("/queryables")
@RunOnVirtualThread
public class QueryablesResource {

    private final QueryablesSchema schema;

    public QueryablesResource(QueryablesSchema schema) {
        this.schema = schema;
    }

    @GET
    @Produces({MediaTypes.SCHEMA_JSON, MediaTypes.JSON})
    public ObjectNode all() {
        return schema.all();
    }
}
