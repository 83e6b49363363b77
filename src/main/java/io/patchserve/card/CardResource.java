package io.patchserve.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.auth.Access;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CatalogWriter;
import io.patchserve.catalog.StacRenderer;
import io.patchserve.http.Links;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import static io.patchserve.stac.MediaTypes.JSON;

/** A collection's dataset card: read as the publisher would write it, and written (a write route). */
@Path("/collections/{collectionId}/card")
@RunOnVirtualThread
public class CardResource {

    static final String MARKDOWN = "text/markdown";

    private final CatalogService catalog;
    private final CatalogWriter writer;
    private final StacRenderer stac;
    private final Links links;
    private final ObjectMapper mapper;

    public CardResource(CatalogService catalog, CatalogWriter writer, StacRenderer stac, Links links, ObjectMapper mapper) {
        this.catalog = catalog;
        this.writer = writer;
        this.stac = stac;
        this.links = links;
        this.mapper = mapper;
    }

    @GET
    @Produces(MARKDOWN + ";charset=UTF-8")
    public String get(@PathParam("collectionId") String collectionId) {
        return CardText.of(catalog.collection(collectionId), mapper);
    }

    @PUT
    @Access
    @Consumes({MARKDOWN, "text/plain"})
    @Produces(JSON)
    public ObjectNode put(@PathParam("collectionId") String collectionId, String card) {
        catalog.collection(collectionId); // 404 before a card is even read
        return stac.collection(writer.amend(collectionId, DatasetCard.parse(card).changes()), links);
    }
}
