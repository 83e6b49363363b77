package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.catalog.StacRenderer;
import io.patchserve.web.Links;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.List;
import java.util.Map;

import static io.patchserve.catalog.StacRenderer.GEOJSON;
import static io.patchserve.catalog.StacRenderer.JSON;

/**
 * Runs a search and writes the ItemCollection with its links: for GET and POST /search and for a
 * collection's items (OGC API Features), which take the same parameters.
 */
@ApplicationScoped
public class ItemCollectionResponder {

    private final SearchService search;
    private final SearchRequestParser parser;
    private final StacRenderer stac;
    private final Links links;
    private final ObjectMapper mapper;

    public ItemCollectionResponder(SearchService search, SearchRequestParser parser, StacRenderer stac, Links links, ObjectMapper mapper) {
        this.search = search;
        this.parser = parser;
        this.stac = stac;
        this.links = links;
        this.mapper = mapper;
    }

    public ObjectNode searchGet(MultivaluedMap<String, String> query) {
        SearchRequest request = parser.fromQuery(query);
        SearchService.Result result = search.search(request);
        ObjectNode body = itemCollection(result, request);
        ArrayNode l = body.putArray("links");
        StacRenderer.link(l, "self", links.path("/search") + queryString(query, null), GEOJSON, null);
        StacRenderer.link(l, "root", links.root(), JSON, null);
        if (result.next() != null) {
            StacRenderer.link(l, "next", links.path("/search") + queryString(query, result.next().token()), GEOJSON, null);
        }
        return body;
    }

    public ObjectNode searchPost(JsonNode requestBody) {
        SearchRequest request = parser.fromBody(requestBody);
        SearchService.Result result = search.search(request);
        ObjectNode body = itemCollection(result, request);
        ArrayNode l = body.putArray("links");
        StacRenderer.link(l, "self", links.path("/search"), GEOJSON, null);
        StacRenderer.link(l, "root", links.root(), JSON, null);
        if (result.next() != null) {
            ObjectNode next = l.addObject();
            next.put("rel", "next");
            next.put("href", links.path("/search"));
            next.put("type", GEOJSON);
            next.put("method", "POST");
            ObjectNode nextBody = ((ObjectNode) requestBody).deepCopy();
            nextBody.put("token", result.next().token());
            next.set("body", nextBody);
            next.put("merge", false);
        }
        return body;
    }

    public ObjectNode collectionItems(String collectionId, MultivaluedMap<String, String> query) {
        SearchRequest request = parser.fromQuery(query).withCollections(List.of(collectionId));
        SearchService.Result result = search.search(request);
        ObjectNode body = itemCollection(result, request);
        ArrayNode l = body.putArray("links");
        StacRenderer.link(l, "self", links.items(collectionId) + queryString(query, null), GEOJSON, null);
        StacRenderer.link(l, "root", links.root(), JSON, null);
        StacRenderer.link(l, "parent", links.collection(collectionId), JSON, null);
        StacRenderer.link(l, "collection", links.collection(collectionId), JSON, null);
        if (result.next() != null) {
            StacRenderer.link(l, "next", links.items(collectionId) + queryString(query, result.next().token()), GEOJSON, null);
        }
        return body;
    }

    private ObjectNode itemCollection(SearchService.Result result, SearchRequest request) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "FeatureCollection");
        ArrayNode features = body.putArray("features");
        result.items().forEach(item -> features.add(request.fields().apply(stac.item(item, links))));
        body.put("numberMatched", result.matched());
        body.put("numberReturned", result.items().size());
        if (!result.matchedExact()) {
            // numberMatched is the query planner's estimate here; see README ("numberMatched")
            body.put("patchserve:numberMatchedIsEstimate", true);
        }
        return body;
    }

    /** The request's own query string with the token replaced (or removed when null). */
    private static String queryString(MultivaluedMap<String, String> query, String token) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (entry.getKey().equals("token")) {
                continue;
            }
            for (String value : entry.getValue()) {
                out.append(out.isEmpty() ? "?" : "&").append(Links.query(entry.getKey())).append('=').append(Links.query(value));
            }
        }
        if (token != null) {
            out.append(out.isEmpty() ? "?" : "&").append("token=").append(token);
        }
        return out.toString();
    }
}
