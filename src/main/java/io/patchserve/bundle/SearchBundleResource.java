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
import java.util.LinkedHashMap;
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
    public Response stackGet(@Context UriInfo uri, @QueryParam(StackOptions.BANDS) String bands,
                             @QueryParam(StackOptions.GRID) String grid, @QueryParam(StackOptions.RESOLUTION) String resolution,
                             @QueryParam(ClassOrder.PARAMETER) String classOrder,
                             @BeanParam ConditionalRequest conditions) throws IOException {
        StackOptions options = StackOptions.parse(bands, grid, resolution, classOrder);
        return RangedResponses.of(stacks.stack(scoped(parser.fromQuery(uri.getQueryParameters())), "search-stack", options),
                conditions, true);
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
    public Response stack(JsonNode body, @QueryParam(StackOptions.BANDS) String bandsParam,
                          @QueryParam(StackOptions.GRID) String gridParam,
                          @QueryParam(StackOptions.RESOLUTION) String resolutionParam,
                          @QueryParam(ClassOrder.PARAMETER) String classOrderParam,
                          @BeanParam ConditionalRequest conditions) throws IOException {
        ObjectNode search = searchObject(body).deepCopy();
        // the stack's options may come as members of the body (a JSON array of band names, or text) or as parameters
        Map<String, String> options = new LinkedHashMap<>();
        option(search, StackOptions.BANDS, bandsParam, options);
        option(search, StackOptions.GRID, gridParam, options);
        option(search, StackOptions.RESOLUTION, resolutionParam, options);
        option(search, ClassOrder.PARAMETER, classOrderParam, options);
        StackOptions parsed = StackOptions.parse(options.get(StackOptions.BANDS), options.get(StackOptions.GRID),
                options.get(StackOptions.RESOLUTION), options.get(ClassOrder.PARAMETER));
        Response response = RangedResponses.of(stacks.stack(scoped(parser.fromBody(search)), "search-stack", parsed),
                conditions, true);
        return withGetUrl(response, "bundle.h5", search, options);
    }

    /** Takes a stack option out of the search body (it is not a search member), else from the query parameter. */
    private static void option(ObjectNode search, String name, String parameter, Map<String, String> into) {
        JsonNode member = search.remove(name);
        String value = parameter;
        if (member != null && !member.isNull()) {
            if (member.isArray() && name.equals(StackOptions.BANDS)) {
                List<String> names = new ArrayList<>();
                member.forEach(b -> names.add(b.asText()));
                value = String.join(",", names);
            } else if (member.isTextual() || member.isNumber()) {
                value = member.asText();
            } else {
                throw ApiException.badRequest(name + " must be " + (name.equals(StackOptions.BANDS)
                        ? "an array of band names" : member.isNumber() ? "a number" : "a string"));
            }
        }
        if (value != null) {
            into.put(name, value);
        }
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
