package io.patchserve.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.http.ConditionalRequest;
import io.patchserve.http.RangedResponses;
import io.patchserve.search.SearchRequestParser;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/** A search's matches (body as {@code POST /search}) as a table: CSV or GeoParquet. */
@Path("/search")
@RunOnVirtualThread
public class SearchTableResource {

    private final TableExport tables;
    private final SearchRequestParser parser;

    public SearchTableResource(TableExport tables, SearchRequestParser parser) {
        this.tables = tables;
        this.parser = parser;
    }

    @POST
    @Path("items.csv")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response csv(JsonNode body, @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(tables.csv(parser.fromBody(body), "search-items"), conditions, true);
    }

    @POST
    @Path("items.parquet")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response parquet(JsonNode body, @BeanParam ConditionalRequest conditions) throws IOException {
        return RangedResponses.of(tables.geoParquet(parser.fromBody(body), "search-items"), conditions, true);
    }
}
