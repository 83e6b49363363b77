package io.patchserve.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.catalog.CatalogService;
import io.patchserve.error.ApiException;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchRequestParser;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bulk downloads: a collection's items (with item-search query parameters) or a search's (POST body), as
 * .tar or .tar.gz, with {@code assets=} choosing the assets (default: every asset with role "data"). One
 * class per route, so that none shadows another's path.
 */
public final class BundleResources {

    private BundleResources() {
    }

    static List<String> assetKeys(String assets) {
        if (assets == null || assets.isBlank()) {
            return List.of();
        }
        List<String> keys = Arrays.stream(assets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (keys.isEmpty()) {
            throw ApiException.badRequest("assets names no asset key: '" + assets + "'");
        }
        return keys;
    }

    /** The collection route's shared part: the collection must exist; its items are the scope. */
    abstract static class OfCollection {
        private final BundleService bundles;
        private final SearchRequestParser parser;
        private final CatalogService catalog;
        private final BundleService.Kind kind;

        OfCollection(BundleService bundles, SearchRequestParser parser, CatalogService catalog, BundleService.Kind kind) {
            this.bundles = bundles;
            this.parser = parser;
            this.catalog = catalog;
            this.kind = kind;
        }

        Response respond(String collectionId, UriInfo uri, String assets, boolean withBody, String ifNoneMatch,
                         String range, String ifRange) throws IOException {
            catalog.collection(collectionId);
            SearchRequest request = parser.fromQuery(uri.getQueryParameters()).withCollections(List.of(collectionId));
            return bundles.respond(request, assetKeys(assets), kind, collectionId + "-bundle", withBody, ifNoneMatch, range, ifRange);
        }
    }

    @Path("/collections/{collectionId}/bundle.tar")
    @RunOnVirtualThread
    public static class CollectionTar extends OfCollection {
        public CollectionTar(BundleService bundles, SearchRequestParser parser, CatalogService catalog) {
            super(bundles, parser, catalog, BundleService.Kind.TAR);
        }

        @GET
        public Response get(@PathParam("collectionId") String collectionId, @Context UriInfo uri, @QueryParam("assets") String assets,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                            @HeaderParam("If-Range") String ifRange) throws IOException {
            return respond(collectionId, uri, assets, true, ifNoneMatch, range, ifRange);
        }

        @HEAD
        public Response head(@PathParam("collectionId") String collectionId, @Context UriInfo uri, @QueryParam("assets") String assets,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                             @HeaderParam("If-Range") String ifRange) throws IOException {
            return respond(collectionId, uri, assets, false, ifNoneMatch, range, ifRange);
        }
    }

    @Path("/collections/{collectionId}/bundle.tar.gz")
    @RunOnVirtualThread
    public static class CollectionTarGz extends OfCollection {
        public CollectionTarGz(BundleService bundles, SearchRequestParser parser, CatalogService catalog) {
            super(bundles, parser, catalog, BundleService.Kind.TAR_GZ);
        }

        @GET
        public Response get(@PathParam("collectionId") String collectionId, @Context UriInfo uri, @QueryParam("assets") String assets,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                            @HeaderParam("If-Range") String ifRange) throws IOException {
            return respond(collectionId, uri, assets, true, ifNoneMatch, range, ifRange);
        }

        @HEAD
        public Response head(@PathParam("collectionId") String collectionId, @Context UriInfo uri, @QueryParam("assets") String assets,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                             @HeaderParam("If-Range") String ifRange) throws IOException {
            return respond(collectionId, uri, assets, false, ifNoneMatch, range, ifRange);
        }
    }

    /** The search route's shared part: the body is a search, plus an optional "assets" list. */
    abstract static class OfSearch {
        private final BundleService bundles;
        private final SearchRequestParser parser;
        private final BundleService.Kind kind;

        OfSearch(BundleService bundles, SearchRequestParser parser, BundleService.Kind kind) {
            this.bundles = bundles;
            this.parser = parser;
            this.kind = kind;
        }

        Response respond(JsonNode body, String assetsParam, String ifNoneMatch, String range, String ifRange) throws IOException {
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("the search body must be a JSON object");
            }
            ObjectNode search = ((ObjectNode) body).deepCopy();
            JsonNode assetsNode = search.remove("assets");
            List<String> assets = new ArrayList<>(assetKeys(assetsParam));
            if (assetsNode != null && !assetsNode.isNull()) {
                if (!assetsNode.isArray()) {
                    throw ApiException.badRequest("assets must be an array of asset keys");
                }
                assetsNode.forEach(a -> assets.add(a.asText()));
            }
            return bundles.respond(parser.fromBody(search), assets, kind, "search-bundle", true, ifNoneMatch, range, ifRange);
        }
    }

    @Path("/search/bundle.tar")
    @RunOnVirtualThread
    public static class SearchTar extends OfSearch {
        public SearchTar(BundleService bundles, SearchRequestParser parser) {
            super(bundles, parser, BundleService.Kind.TAR);
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response post(JsonNode body, @QueryParam("assets") String assets,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                             @HeaderParam("If-Range") String ifRange) throws IOException {
            return respond(body, assets, ifNoneMatch, range, ifRange);
        }
    }

    @Path("/search/bundle.tar.gz")
    @RunOnVirtualThread
    public static class SearchTarGz extends OfSearch {
        public SearchTarGz(BundleService bundles, SearchRequestParser parser) {
            super(bundles, parser, BundleService.Kind.TAR_GZ);
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response post(JsonNode body, @QueryParam("assets") String assets,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                             @HeaderParam("If-Range") String ifRange) throws IOException {
            return respond(body, assets, ifNoneMatch, range, ifRange);
        }
    }

    @Path("/collections/{collectionId}/bundle.h5")
    @RunOnVirtualThread
    public static class CollectionStack {
        private final StackService stacks;
        private final SearchRequestParser parser;
        private final CatalogService catalog;

        public CollectionStack(StackService stacks, SearchRequestParser parser, CatalogService catalog) {
            this.stacks = stacks;
            this.parser = parser;
            this.catalog = catalog;
        }

        @GET
        public Response get(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("Range") String range,
                            @HeaderParam("If-Range") String ifRange) throws IOException {
            catalog.collection(collectionId);
            SearchRequest request = parser.fromQuery(uri.getQueryParameters()).withCollections(List.of(collectionId));
            return stacks.respond(request, collectionId + "-stack", true, ifNoneMatch, range, ifRange);
        }
    }

    @Path("/search/bundle.h5")
    @RunOnVirtualThread
    public static class SearchStack {
        private final StackService stacks;
        private final SearchRequestParser parser;

        public SearchStack(StackService stacks, SearchRequestParser parser) {
            this.stacks = stacks;
            this.parser = parser;
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response post(JsonNode body, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) throws IOException {
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("the search body must be a JSON object");
            }
            return stacks.respond(parser.fromBody(body), "search-stack", true, ifNoneMatch, range, ifRange);
        }
    }
}
