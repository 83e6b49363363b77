package io.patchserve.ingest;

import io.patchserve.stac.MediaTypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.auth.Access;
import io.patchserve.http.Links;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Ingest over HTTP: start an import into a collection (watch it at /imports/{id}). Needs a write credential. */
@Path("/collections/{collectionId}/imports")
@RunOnVirtualThread
@Access
public class ImportResource {

    private final ImportService imports;
    private final Links links;
    private final ObjectMapper mapper;

    public ImportResource(ImportService imports, Links links, ObjectMapper mapper) {
        this.imports = imports;
        this.links = links;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaTypes.JSON)
    @Produces(MediaTypes.JSON)
    public Response start(@PathParam("collectionId") String collectionId, JsonNode body) {
        ImportStatus run = imports.start(collectionId, body);
        return Response.accepted(status(run, mapper, links)).location(URI.create(links.path("/imports/" + run.id()))).build();
    }

    static ObjectNode status(ImportStatus run, ObjectMapper mapper, Links links) {
        ReportSnapshot r = run.report();
        ObjectNode node = mapper.createObjectNode();
        node.put("id", run.id());
        node.put("collection", run.collectionId());
        node.put("format", run.format());
        node.put("source", run.source());
        node.put("state", run.state());
        node.put("isolation", run.isolation());
        node.put("startedAt", run.startedAt().toString());
        if (run.finishedAt() != null) {
            node.put("finishedAt", run.finishedAt().toString());
        }
        node.put("created", r.created());
        node.put("updated", r.updated());
        node.put("unchanged", r.unchanged());
        node.put("skipped", r.skipped());
        node.put("itemsPerSecond", Math.round(r.itemsPerSecond() * 10) / 10.0);
        if (r.failure() != null) {
            node.put("failure", r.failure());
        }
        ArrayNode skips = node.putArray("skips");
        r.skips().stream().limit(100).forEach(s -> skips.addObject().put("source", s.source()).put("reason", s.reason()));
        ArrayNode l = node.putArray("links");
        l.addObject().put("rel", "self").put("href", links.path("/imports/" + run.id()));
        l.addObject().put("rel", "collection").put("href", links.collection(run.collectionId()));
        return node;
    }
}
