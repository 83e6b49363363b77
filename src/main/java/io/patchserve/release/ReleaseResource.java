package io.patchserve.release;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.auth.Access;
import io.patchserve.catalog.StacRenderer;
import io.patchserve.http.Links;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URI;
import java.util.List;

/**
 * A collection's releases: the list, making one (a write route), attaching a DOI, and the changelog of a
 * release (below {@code /collections/{collection}/releases/{version}}, served here as its frozen copy's, see
 * {@code ReleasePaths}) or of the collection's changes not yet released.
 */
@Path("/collections/{collectionId}")
@RunOnVirtualThread
public class ReleaseResource {

    private static final String JSON = "application/json";

    private final ReleaseService releases;
    private final Links links;
    private final ObjectMapper mapper;

    public ReleaseResource(ReleaseService releases, Links links, ObjectMapper mapper) {
        this.releases = releases;
        this.links = links;
        this.mapper = mapper;
    }

    @GET
    @Path("releases")
    @Produces(JSON)
    public ObjectNode list(@PathParam("collectionId") String collectionId) {
        List<Release> all = releases.releases(collectionId);
        ObjectNode body = mapper.createObjectNode();
        body.put("collection", collectionId);
        ArrayNode list = body.putArray("releases");
        for (int i = 0; i < all.size(); i++) {
            list.add(json(all.get(i), i < all.size() - 1));
        }
        ArrayNode l = body.putArray("links");
        StacRenderer.link(l, "self", links.releases(collectionId), JSON, null);
        StacRenderer.link(l, "collection", links.collection(collectionId), JSON, null);
        if (!all.isEmpty()) {
            StacRenderer.link(l, "latest-version", links.collection(all.getLast().id()), JSON, all.getLast().version());
        }
        return body;
    }

    @POST
    @Access
    @Path("releases")
    @Consumes(JSON)
    @Produces(JSON)
    public Response create(@PathParam("collectionId") String collectionId, JsonNode body) {
        Release release = releases.release(collectionId, body);
        return Response.created(URI.create(links.collection(release.id()))).entity(json(release, false)).build();
    }

    @PATCH
    @Access
    @Path("releases/{version}")
    @Consumes(JSON)
    @Produces(JSON)
    public ObjectNode attachDoi(@PathParam("collectionId") String collectionId, @PathParam("version") String version,
                                JsonNode body) {
        Release release = releases.attachDoi(collectionId, version, body);
        List<Release> all = releases.releases(collectionId);
        return json(release, !all.getLast().version().equals(release.version()));
    }

    /** What changed since the predecessor (for a release) or since the latest release (for a collection). */
    @GET
    @Path("changelog")
    @Produces(JSON)
    public StreamingOutput changelog(@PathParam("collectionId") String id) {
        ReleaseService.Comparison comparison = releases.comparison(id);
        ChangelogStore.Summary summary = releases.summary(comparison);
        return out -> {
            try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("collection", comparison.collectionId());
                g.writeStringField("version", comparison.current() == null ? null : comparison.current().version());
                g.writeStringField("predecessor", comparison.previous() == null ? null : comparison.previous().version());
                g.writeObjectField("summary", summary);
                g.writeObjectField("collection_changes", comparison.collectionChanges());
                g.writeArrayFieldStart("items");
                releases.forEachChange(comparison, -1, entry -> g.writeTree(entryJson(entry)));
                g.writeEndArray();
                g.writeEndObject();
            }
        };
    }

    /** A changed item as the changelog lists it: only what it has to say. */
    ObjectNode entryJson(ChangelogStore.Entry entry) {
        ObjectNode e = mapper.createObjectNode();
        e.put("id", entry.id());
        e.put("change", entry.change());
        if (!entry.labels().isEmpty()) {
            e.set("labels", mapper.valueToTree(entry.labels()));
        }
        if (entry.split() != null) {
            e.set("split", mapper.valueToTree(entry.split()));
        }
        if (!entry.assets().isEmpty()) {
            e.set("assets", mapper.valueToTree(entry.assets()));
        }
        if (!entry.properties().isEmpty()) {
            e.set("properties", mapper.valueToTree(entry.properties()));
        }
        return e;
    }

    private ObjectNode json(Release release, boolean deprecated) {
        ObjectNode r = mapper.createObjectNode();
        r.put("collection", release.collectionId());
        r.put("version", release.version());
        r.put("id", release.id());
        r.put("released", release.released().toString());
        r.put("notes", release.notes());
        r.put("doi", release.doi());
        r.put("deprecated", deprecated);
        ArrayNode l = r.putArray("links");
        StacRenderer.link(l, "self", links.collection(release.id()), JSON, release.version());
        StacRenderer.link(l, "changelog", links.collection(release.id()) + "/changelog", JSON, null);
        return r;
    }
}
