package io.patchserve.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.StacRenderer;
import io.patchserve.config.ApiConfig;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import java.util.List;

import static io.patchserve.catalog.StacRenderer.JSON;

/** The STAC API landing page (the root catalog) and the conformance classes. */
@Path("/")
@RunOnVirtualThread
public class LandingResource {

    /** Only what is implemented; item search, filter and sort are added with the search routes. */
    static final List<String> CONFORMANCE = List.of(
            "https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/collections");

    private final CatalogService catalog;
    private final Links links;
    private final ApiConfig config;
    private final ObjectMapper mapper;

    public LandingResource(CatalogService catalog, Links links, ApiConfig config, ObjectMapper mapper) {
        this.catalog = catalog;
        this.links = links;
        this.config = config;
        this.mapper = mapper;
    }

    @GET
    @Produces(JSON)
    public ObjectNode landing() {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "Catalog");
        body.put("stac_version", StacRenderer.STAC_VERSION);
        body.put("id", "patchserve");
        body.put("title", config.title());
        body.put("description", config.description());
        body.set("conformsTo", mapper.valueToTree(CONFORMANCE));
        ArrayNode l = body.putArray("links");
        StacRenderer.link(l, "self", links.root(), JSON, null);
        StacRenderer.link(l, "root", links.root(), JSON, null);
        StacRenderer.link(l, "conformance", links.path("/conformance"), JSON, "Conformance classes");
        StacRenderer.link(l, "data", links.collections(), JSON, "Collections");
        catalog.collections().forEach(c -> StacRenderer.link(l, "child", links.collection(c.id), JSON, c.title));
        return body;
    }

    @GET
    @Path("conformance")
    @Produces(JSON)
    public ObjectNode conformance() {
        ObjectNode body = mapper.createObjectNode();
        body.set("conformsTo", mapper.valueToTree(CONFORMANCE));
        return body;
    }
}
