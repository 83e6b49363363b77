package io.patchserve.stacapi;

import io.patchserve.stac.MediaTypes;

import io.patchserve.search.FieldsSpec;
import io.patchserve.search.ItemForm;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchRequestParser;
import io.patchserve.search.SearchService;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.catalog.StacRenderer;
import io.patchserve.catalog.StoredItemJson;
import io.patchserve.config.SearchConfig;
import io.patchserve.http.Links;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import java.util.List;
import java.util.Map;

import static io.patchserve.stac.MediaTypes.GEOJSON;
import static io.patchserve.stac.MediaTypes.JSON;
import static io.patchserve.catalog.StacRenderer.writeLink;

/**
 * Runs a search and writes the ItemCollection with its links: for GET and POST /search and for a
 * collection's items (OGC API Features), which take the same parameters.
 */
@ApplicationScoped
public class ItemCollectionResponder {

    /** A first guess at an item's size in the body, so that the buffer seldom grows. */
    private static final int BODY_BYTES_PER_ITEM = 1024;

    private final SearchService search;
    private final SearchRequestParser parser;
    private final StacRenderer stac;
    private final Links links;
    private final ObjectMapper mapper;
    private final SearchConfig config;

    public ItemCollectionResponder(SearchService search, SearchRequestParser parser, StacRenderer stac, Links links,
                                   ObjectMapper mapper, SearchConfig config) {
        this.search = search;
        this.parser = parser;
        this.stac = stac;
        this.links = links;
        this.mapper = mapper;
        this.config = config;
    }

    public Buffer searchGet(MultivaluedMap<String, String> query) {
        SearchRequest request = parser.fromQuery(query);
        SearchService.Result result = search.search(request, form(request));
        String search = links.path("/search");
        String next = result.next() == null ? null : search + queryString(query, result.next().token());
        String prev = result.prev() == null ? null : search + queryString(query, result.prev().token());
        return render(result, request, g -> {
            writeLink(g, "self", search + queryString(query, query.getFirst("token")), GEOJSON);
            writeLink(g, "root", links.root(), JSON);
            if (next != null) {
                writeLink(g, "next", next, GEOJSON);
            }
            if (prev != null) {
                writeLink(g, "prev", prev, GEOJSON);
            }
        });
    }

    public Buffer searchPost(JsonNode requestBody) {
        SearchRequest request = parser.fromBody(requestBody);
        SearchService.Result result = search.search(request, form(request));
        String search = links.path("/search");
        String root = links.root();
        return render(result, request, g -> {
            writeLink(g, "self", search, GEOJSON);
            writeLink(g, "root", root, JSON);
            if (result.next() != null) {
                writePostLink(g, "next", search, requestBody, result.next().token());
            }
            if (result.prev() != null) {
                writePostLink(g, "prev", search, requestBody, result.prev().token());
            }
        });
    }

    public Buffer collectionItems(String collectionId, MultivaluedMap<String, String> query) {
        SearchRequest request = parser.fromQuery(query).withCollections(List.of(collectionId));
        SearchService.Result result = search.search(request, form(request));
        String items = links.items(collectionId);
        String collection = links.collection(collectionId);
        String next = result.next() == null ? null : items + queryString(query, result.next().token());
        String prev = result.prev() == null ? null : items + queryString(query, result.prev().token());
        return render(result, request, g -> {
            writeLink(g, "self", items + queryString(query, query.getFirst("token")), GEOJSON);
            writeLink(g, "root", links.root(), JSON);
            writeLink(g, "parent", collection, JSON);
            writeLink(g, "collection", collection, JSON);
            if (next != null) {
                writeLink(g, "next", next, GEOJSON);
            }
            if (prev != null) {
                writeLink(g, "prev", prev, GEOJSON);
            }
        });
    }

    /** A POST paging link: the same body with the page's token, not merged with the request (STAC API). */
    private static void writePostLink(JsonGenerator g, String rel, String href, JsonNode requestBody, String token)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("rel", rel);
        g.writeStringField("href", href);
        g.writeStringField("type", GEOJSON);
        g.writeStringField("method", "POST");
        ObjectNode body = ((ObjectNode) requestBody).deepCopy();
        body.put("token", token);
        g.writeFieldName("body");
        g.writeTree(body);
        g.writeBooleanField("merge", false);
        g.writeEndObject();
    }

    /** Whole items go out as stored; the fields extension edits each item, so it needs the columns. */
    private ItemForm form(SearchRequest request) {
        return request.fields().isAll() && config.sendStoredJson() ? ItemForm.STORED_JSON : ItemForm.ROWS;
    }

    @FunctionalInterface
    private interface LinkWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Writes the ItemCollection as bytes, item after item without a tree of the page, into one buffer that goes
     * to the connection as it is. A page is bounded by the maximum limit, and one whole body is what lets the
     * response carry a Content-Length and leave in one write rather than as many small chunks.
     */
    private Buffer render(SearchService.Result result, SearchRequest request, LinkWriter collectionLinks) {
        ByteBuf bytes = Unpooled.buffer(BODY_BYTES_PER_ITEM * Math.max(1, result.hits().size()));
        OutputStream out = new ByteBufOutputStream(bytes);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            FieldsSpec fields = request.fields();
            StoredItemJson.Sender stored = new StoredItemJson.Sender(links.base());
            for (SearchService.Hit hit : result.hits()) {
                if (hit.stored() != null) {
                    stored.write(g, out, hit.stored());
                } else if (fields.isAll()) {
                    stac.writeItem(g, hit.row(), links);
                } else {
                    g.writeTree(fields.apply(stac.item(hit.row(), links)));
                }
            }
            g.writeEndArray();
            g.writeNumberField("numberMatched", result.matched());
            g.writeNumberField("numberReturned", result.hits().size());
            if (!result.matchedExact()) {
                // numberMatched is the query planner's estimate here; see README ("numberMatched")
                g.writeBooleanField("patchserve:numberMatchedIsEstimate", true);
            }
            g.writeArrayFieldStart("links");
            collectionLinks.write(g);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a search page into memory", e);
        }
        return Buffer.buffer(bytes);
    }

    /**
     * The request's own query string with the token replaced (or removed when null): a page's self link keeps
     * its own token (page 2 is page 2), its next link carries the next one. Parameters go in name order, not
     * the order the parsed map happens to hold them in (which varies), so one query always answers the same bytes.
     */
    private static String queryString(MultivaluedMap<String, String> query, String token) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : new java.util.TreeMap<>(query).entrySet()) {
            if (entry.getKey().equals("token")) {
                continue;
            }
            for (String value : entry.getValue()) {
                out.append(out.isEmpty() ? "?" : "&").append(Links.query(entry.getKey())).append('=').append(Links.query(value));
            }
        }
        if (token != null) {
            out.append(out.isEmpty() ? "?" : "&").append("token=").append(Links.query(token));
        }
        return out.toString();
    }
}
