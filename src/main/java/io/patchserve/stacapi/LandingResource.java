package io.patchserve.stacapi;

import io.patchserve.stac.MediaTypes;

import io.patchserve.http.ApiDocumentResource;
import io.patchserve.http.Links;

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

import static io.patchserve.stac.MediaTypes.GEOJSON;
import static io.patchserve.stac.MediaTypes.JSON;

/** The STAC API landing page (the root catalog) and the conformance classes. */
@Path("/")
@RunOnVirtualThread
public class LandingResource {

    /** Only what is implemented and tested. */
    static final List<String> CONFORMANCE = List.of(
            "https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/collections",
            "https://api.stacspec.org/v1.0.0/ogcapi-features",
            "https://api.stacspec.org/v1.0.0/item-search",
            "https://api.stacspec.org/v1.0.0/item-search#fields",
            "https://api.stacspec.org/v1.0.0/item-search#sort",
            "https://api.stacspec.org/v1.0.0/item-search#filter",
            "https://api.stacspec.org/v1.0.0/ogcapi-features#fields",
            "https://api.stacspec.org/v1.0.0/ogcapi-features#sort",
            "https://api.stacspec.org/v1.0.0/ogcapi-features#filter",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/array-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
            // the same classes under their pre-1.0 names, which clients written against Filter rc.2 look for
            "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/array-operators");

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
        StacRenderer.link(l, "service-desc", links.path("/api"), MediaTypes.OPENAPI_JSON, "OpenAPI document");
        StacRenderer.link(l, "service-doc", links.path(ApiDocumentResource.SERVICE_DOC), "text/html", "API reference");
        StacRenderer.link(l, "search", links.path("/search"), GEOJSON, "Item search (GET)").put("method", "GET");
        StacRenderer.link(l, "search", links.path("/search"), GEOJSON, "Item search (POST)").put("method", "POST");
        StacRenderer.link(l, "http://www.opengis.net/def/rel/ogc/1.0/queryables", links.path("/queryables"),
                MediaTypes.SCHEMA_JSON, "Queryables");
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
