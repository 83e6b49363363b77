package io.patchserve.stacapi;

import io.patchserve.stac.MediaTypes;

import io.patchserve.search.Queryable;
import io.patchserve.search.KnownValues;
import io.patchserve.search.QueryablesService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.catalog.CatalogService;
import io.patchserve.http.Links;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The names filter may use, as JSON Schema: across all collections, and per collection. */
@ApplicationScoped
public class QueryablesSchema {

    private final QueryablesService queryables;
    private final KnownValues knownValues;
    private final CatalogService catalog;
    private final Links links;
    private final ObjectMapper mapper;

    public QueryablesSchema(QueryablesService queryables, KnownValues knownValues, CatalogService catalog, Links links,
                            ObjectMapper mapper) {
        this.queryables = queryables;
        this.knownValues = knownValues;
        this.catalog = catalog;
        this.links = links;
        this.mapper = mapper;
    }

    public ObjectNode all() {
        return schema(links.path("/queryables"), "Queryables of every collection", queryables.of(List.of()), null,
                knownValues.of(List.of()));
    }

    public ObjectNode ofCollection(String collectionId) {
        var collection = catalog.collection(collectionId);
        return schema(links.collection(collectionId) + "/queryables", "Queryables of " + collectionId,
                queryables.of(List.of(collectionId)), collection.queryables, knownValues.of(List.of(collectionId)));
    }

    private ObjectNode schema(String id, String title, Map<String, Queryable> names, Map<String, Object> stored,
                              Map<String, Set<String>> known) {
        ObjectNode schema = mapper.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        schema.put("$id", id);
        schema.put("type", "object");
        schema.put("title", title);
        ObjectNode properties = schema.putObject("properties");
        names.forEach((name, q) -> properties.set(name, withValues(describe(q, stored), known.get(name))));
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The known values as an enum (of the items, for arrays), so clients can offer them and catch typos. */
    private ObjectNode withValues(ObjectNode node, Set<String> values) {
        if (values == null || values.isEmpty()) {
            return node;
        }
        ObjectNode target = "array".equals(node.path("type").asText())
                ? (node.get("items") instanceof ObjectNode items ? items : node.putObject("items").put("type", "string")) : node;
        var list = target.putArray("enum");
        values.forEach(list::add);
        return node;
    }

    private ObjectNode describe(Queryable q, Map<String, Object> stored) {
        if (stored != null && stored.get(q.name()) != null) {
            return mapper.valueToTree(stored.get(q.name()));
        }
        ObjectNode node = mapper.createObjectNode();
        switch (q.name()) {
            case "id" -> node.put("description", "Item identifier").put("type", "string");
            case "collection" -> node.put("description", "Collection identifier").put("type", "string");
            case "datetime" -> node.put("description", "Datetime (or start of the interval)").put("type", "string").put("format", "date-time");
            case "start_datetime", "end_datetime" -> node.put("type", "string").put("format", "date-time");
            case "geometry" -> {
                // inline (no $ref to geojson.org, which a client without internet cannot resolve); OGC API
                // Features Part 3 names the format
                node.put("description", "Footprint").put("format", "geometry-any").put("type", "object");
                node.putArray("required").add("type");
                var types = node.putObject("properties").putObject("type").putArray("enum");
                List.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                        "GeometryCollection").forEach(types::add);
            }
            default -> {
                node.put("type", q.type().jsonSchemaType());
                if (q.type() == Queryable.Type.TIMESTAMP) {
                    node.put("format", "date-time");
                }
                if (q.type() == Queryable.Type.ARRAY) {
                    node.putObject("items").put("type", q.itemType().jsonSchemaType());
                }
            }
        }
        return node;
    }
}
