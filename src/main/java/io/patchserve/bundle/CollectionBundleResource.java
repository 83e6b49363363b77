package io.patchserve.bundle;

import io.patchserve.http.ConditionalRequest;
import io.patchserve.http.RangedResponses;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchRequestParser;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;

/**
 * A collection's bulk downloads: its items (narrowed by item-search query parameters) as .tar or .tar.gz, with
 * {@code assets=} choosing the assets (default: every asset with role "data"), or stacked as .h5.
 */
@Path("/collections/{collectionId}")
@RunOnVirtualThread
public class CollectionBundleResource {

    private final BundleService bundles;
    private final StackService stacks;
    private final SearchRequestParser parser;
    private final MmearthExport mmearth;

    public CollectionBundleResource(BundleService bundles, StackService stacks, SearchRequestParser parser,
                                    MmearthExport mmearth) {
        this.bundles = bundles;
        this.stacks = stacks;
        this.parser = parser;
        this.mmearth = mmearth;
    }

    @GET
    @Path("bundle.tar")
    public Response tar(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                        @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions) throws IOException {
        return archive(collectionId, uri, assets, BundleService.Kind.TAR, conditions, true);
    }

    @HEAD
    @Path("bundle.tar")
    public Response tarHead(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                            @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions) throws IOException {
        return archive(collectionId, uri, assets, BundleService.Kind.TAR, conditions, false);
    }

    @GET
    @Path("bundle.tar.gz")
    public Response tarGz(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                          @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions) throws IOException {
        return archive(collectionId, uri, assets, BundleService.Kind.TAR_GZ, conditions, true);
    }

    @HEAD
    @Path("bundle.tar.gz")
    public Response tarGzHead(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                              @QueryParam("assets") String assets, @BeanParam ConditionalRequest conditions) throws IOException {
        return archive(collectionId, uri, assets, BundleService.Kind.TAR_GZ, conditions, false);
    }

    @GET
    @Path("bundle.h5")
    public Response stack(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                          @QueryParam(StackOptions.BANDS) String bands, @QueryParam(StackOptions.GRID) String grid,
                          @QueryParam(StackOptions.RESOLUTION) String resolution,
                          @QueryParam(ClassOrder.PARAMETER) String classOrder,
                          @BeanParam ConditionalRequest conditions) throws IOException {
        StackOptions options = StackOptions.parse(bands, grid, resolution, classOrder);
        return RangedResponses.of(stacks.stack(parser.forCollection(collectionId, uri.getQueryParameters()), collectionId + "-stack", options), conditions, true);
    }

    /** The selection in MMEarth's own layout, for MMEarth-train's loader (see {@link MmearthExport}). */
    @GET
    @Path("bundle.mmearth.tar")
    public Response mmearth(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                            @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(mmearth.export(collectionId, parser.forCollection(collectionId, uri.getQueryParameters())), conditions, true);
    }

    private Response archive(String collectionId, UriInfo uri, String assets, BundleService.Kind kind,
                             ConditionalRequest conditions, boolean withBody) throws IOException {
        SearchRequest request = parser.forCollection(collectionId, uri.getQueryParameters());
        return RangedResponses.of(bundles.bundle(request, BundleRequests.assetKeys(assets), kind, collectionId + "-bundle"),
                conditions, withBody);
    }
}
