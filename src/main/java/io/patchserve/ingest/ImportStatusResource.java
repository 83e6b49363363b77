package io.patchserve.ingest;

import io.patchserve.stac.MediaTypes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.auth.Access;
import io.patchserve.http.Links;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

/**
 * GET /imports/{id}: an import's state and counts, while it runs and after, from any replica; POST …/resume runs
 * an interrupted or failed one again. Needs a write credential.
 */
@Path("/imports")
@RunOnVirtualThread
@Access
public class ImportStatusResource {

    private final ImportService imports;
    private final Links links;
    private final ObjectMapper mapper;

    public ImportStatusResource(ImportService imports, Links links, ObjectMapper mapper) {
        this.imports = imports;
        this.links = links;
        this.mapper = mapper;
    }

    @GET
    @Path("/{importId}")
    @Produces(MediaTypes.JSON)
    public ObjectNode get(@PathParam("importId") String importId) {
        return ImportResource.status(imports.status(importId), mapper, links);
    }

    /** Runs an interrupted or failed import again (202); 409 for one running or succeeded. */
    @POST
    @Path("/{importId}/resume")
    @Produces(MediaTypes.JSON)
    public Response resume(@PathParam("importId") String importId) {
        return Response.accepted(ImportResource.status(imports.resume(importId), mapper, links)).build();
    }
}
