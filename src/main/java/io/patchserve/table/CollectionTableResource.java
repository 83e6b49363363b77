package io.patchserve.table;

import io.patchserve.http.ConditionalRequest;
import io.patchserve.http.RangedResponses;
import io.patchserve.search.SearchRequestParser;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;

/** A collection's items (narrowed by the item-search query parameters) as a table: CSV or GeoParquet. */
@Path("/collections/{collectionId}")
@RunOnVirtualThread
public class CollectionTableResource {

    private final TableExport tables;
    private final SearchRequestParser parser;

    public CollectionTableResource(TableExport tables, SearchRequestParser parser) {
        this.tables = tables;
        this.parser = parser;
    }

    @GET
    @Path("items.csv")
    public Response csv(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                        @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(tables.csv(parser.forCollection(collectionId, uri.getQueryParameters()), collectionId + "-items"), conditions, true);
    }

    @GET
    @Path("items.parquet")
    public Response parquet(@PathParam("collectionId") String collectionId, @Context UriInfo uri,
                            @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(tables.geoParquet(parser.forCollection(collectionId, uri.getQueryParameters()),
                collectionId + "-items"), conditions, true);
    }
}
