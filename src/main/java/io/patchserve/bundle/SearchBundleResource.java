package io.patchserve.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.error.ApiException;
import io.patchserve.http.ConditionalRequest;
import io.patchserve.http.RangedResponses;
import io.patchserve.http.Links;
import io.patchserve.search.SearchQueryString;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchRequestParser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A search's bulk downloads: POST with an item-search body (plus an optional "assets" list), as for POST /search,
 * or GET with the query parameters of GET /search; a POST's response names its GET twin in Content-Location.
 */
@Path("/search")
@RunOnVirtualThread
public class SearchBundleResource {

    private final BundleService bundles;
    private final StackService stacks;
    private final SearchRequestParser parser;
    private final Links links;

    public SearchBundleResource(BundleService bundles, StackService stacks, SearchRequestParser parser, Links links) {
        this.bundles = bundles;
        this.stacks = stacks;
        this.parser = parser;
        this.links = links;
    }

    @GET
    @Path("bundle.tar")
    public Response tarGet(@Context UriInfo uri, @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions)
            throws IOException {
        return archiveGet(uri, assets, BundleService.Kind.TAR, conditions);
    }

    @GET
    @Path("bundle.tar.gz")
    public Response tarGzGet(@Context UriInfo uri, @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions)
            throws IOException {
        return archiveGet(uri, assets, BundleService.Kind.TAR_GZ, conditions);
    }

    private Response archiveGet(UriInfo uri, String assets, BundleService.Kind kind, ConditionalRequest conditions)
            throws IOException {
        return RangedResponses.of(bundles.bundle(scoped(parser.fromQuery(uri.getQueryParameters())),
                BundleRequests.assetKeys(assets), kind, "search-bundle"), conditions, true);
    }

    @GET
    @Path("bundle.h5")
    public Response stackGet(@Context UriInfo uri, @QueryParam(ClassOrder.PARAMETER) String classOrder,
                             @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(stacks.stack(scoped(parser.fromQuery(uri.getQueryParameters())), "search-stack",
                ClassOrder.parse(classOrder)), conditions, true);
    }

    @POST
    @Path("bundle.tar")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tar(JsonNode body, @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions)
            throws IOException {
        return archive(body, assets, BundleService.Kind.TAR, conditions);
    }

    @POST
    @Path("bundle.tar.gz")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tarGz(JsonNode body, @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions)
            throws IOException {
        return archive(body, assets, BundleService.Kind.TAR_GZ, conditions);
    }

    @POST
    @Path("bundle.h5")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response stack(JsonNode body, @QueryParam(ClassOrder.PARAMETER) String classOrderParam,
                          @BeanParam ConditionalRequest conditions) throws IOException {
        ObjectNode search = searchObject(body).deepCopy();
        JsonNode classOrderNode = search.remove(ClassOrder.PARAMETER);
        if (classOrderNode != null && !classOrderNode.isNull() && !classOrderNode.isTextual()) {
            throw ApiException.badRequest(ClassOrder.PARAMETER + " must be a string");
        }
        String classOrder = classOrderNode != null && classOrderNode.isTextual() ? classOrderNode.asText() : classOrderParam;
        ClassOrder order = ClassOrder.parse(classOrder);
        Response response = RangedResponses.of(stacks.stack(scoped(parser.fromBody(search)), "search-stack", order), conditions, true);
        return withGetUrl(response, "bundle.h5", search, classOrder == null ? Map.of() : Map.of(ClassOrder.PARAMETER, classOrder));
    }

    private Response archive(JsonNode body, String assetsParam, BundleService.Kind kind, ConditionalRequest conditions)
            throws IOException {
        ObjectNode search = searchObject(body).deepCopy();
        JsonNode assetsNode = search.remove("assets");
        List<String> assets = new ArrayList<>(BundleRequests.assetKeys(assetsParam));
        if (assetsNode != null && !assetsNode.isNull()) {
            if (!assetsNode.isArray()) {
                throw ApiException.badRequest("assets must be an array of asset keys");
            }
            assetsNode.forEach(a -> assets.add(a.asText()));
        }
        Response response = RangedResponses.of(bundles.bundle(scoped(parser.fromBody(search)), assets, kind, "search-bundle"), conditions, true);
        return withGetUrl(response, kind == BundleService.Kind.TAR ? "bundle.tar" : "bundle.tar.gz", search,
                assets.isEmpty() ? Map.of() : Map.of("assets", String.join(",", assets)));
    }

    /**
     * The same download as a GET URL, in Content-Location: the body encoded as query parameters, so that a
     * download begun with POST can be resumed with {@code curl -C -} (which repeats GETs) or shared as a link.
     */
    private Response withGetUrl(Response response, String route, ObjectNode search, Map<String, String> extra) {
        return Response.fromResponse(response)
                .header("Content-Location", links.path("/search/" + route) + "?" + SearchQueryString.of(search, extra))
                .build();
    }

    /**
     * A search bundle names its collections: a download of the whole catalog is never what was meant, and a
     * collection's own bundle routes need no search.
     */
    private static SearchRequest scoped(SearchRequest request) {
        if (request.collections().isEmpty()) {
            throw ApiException.badRequest("a search bundle names its collections (\"collections\": [...] or collections=...); "
                    + "one collection's bundle is GET /collections/{id}/bundle.tar");
        }
        return request;
    }

    private static ObjectNode searchObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the search body must be a JSON object");
        }
        return (ObjectNode) body;
    }
}
