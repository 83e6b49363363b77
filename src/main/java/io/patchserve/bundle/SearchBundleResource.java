package io.patchserve.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.error.ApiException;
import io.patchserve.http.ConditionalRequest;
import io.patchserve.http.RangedResponses;
import io.patchserve.search.SearchRequestParser;
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

/** A search's bulk downloads: the body is an item search (plus an optional "assets" list), as for POST /search. */
@Path("/search")
@RunOnVirtualThread
public class SearchBundleResource {

    private final BundleService bundles;
    private final StackService stacks;
    private final SearchRequestParser parser;

    public SearchBundleResource(BundleService bundles, StackService stacks, SearchRequestParser parser) {
        this.bundles = bundles;
        this.stacks = stacks;
        this.parser = parser;
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
        return RangedResponses.of(stacks.stack(parser.fromBody(search), "search-stack", order), conditions, true);
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
        return RangedResponses.of(bundles.bundle(parser.fromBody(search), assets, kind, "search-bundle"), conditions, true);
    }

    private static ObjectNode searchObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the search body must be a JSON object");
        }
        return (ObjectNode) body;
    }
}
