package io.patchserve.search;

import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.ItemFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.stac.GeoJson;
import io.patchserve.error.ApiException;
import io.patchserve.search.cql2.Cql2Exception;
import io.patchserve.search.cql2.Cql2JsonParser;
import io.patchserve.search.cql2.Cql2TextParser;
import io.patchserve.search.cql2.Expr;
import io.patchserve.http.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Turns GET query parameters or a POST body into a {@link SearchRequest}, with a 400 for anything malformed. */
@ApplicationScoped
public class SearchRequestParser {

    /** The CRSs that filter-crs and bbox-crs may name: WGS84 longitude/latitude. */
    private static final Set<String> WGS84 = Set.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "https://www.opengis.net/def/crs/OGC/1.3/CRS84", "EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4326");
    private static final Set<String> BODY_KEYS = Set.of("collections", "ids", "bbox", "intersects", "datetime", "filter",
            "filter-lang", "filter-crs", "sortby", "fields", "limit", "token", "conf", "context");

    private final QueryParams params;
    private final ObjectMapper mapper;
    private final CatalogService catalog;

    public SearchRequestParser(QueryParams params, ObjectMapper mapper, CatalogService catalog) {
        this.params = params;
        this.mapper = mapper;
        this.catalog = catalog;
    }

    /**
     * The search of a collection's own download route (its bundles, its tables): the query's parameters scoped to
     * the collection, which must exist (404 before its items are looked at).
     */
    public SearchRequest forCollection(String collectionId, MultivaluedMap<String, String> query) {
        catalog.collection(collectionId);
        return fromQuery(query).withCollections(List.of(collectionId));
    }

    public SearchRequest fromQuery(MultivaluedMap<String, String> query) {
        Bbox bbox = parse("bbox", single(query, "bbox"), Bbox::parse);
        Geometry intersects = parse("intersects", single(query, "intersects"), text -> GeoJson.read(readJson("intersects", text)));
        requireNotBoth(bbox, intersects);
        String filterText = single(query, "filter");
        String lang = filterLang(single(query, "filter-lang"));
        checkCrs(single(query, "filter-crs"), "filter-crs");
        Expr filter = null;
        if (filterText != null && !filterText.isBlank()) {
            if (lang == null || lang.equals("cql2-text")) {
                filter = cql(() -> Cql2TextParser.parse(filterText));
            } else if (lang.equals("cql2-json")) {
                filter = cql(() -> Cql2JsonParser.parse(readJson("filter", filterText)));
            } else {
                throw unsupportedLang(lang);
            }
        }
        filter = withSplit(filter, single(query, ItemFields.SPLIT));
        return new SearchRequest(
                list(single(query, "collections")),
                list(single(query, "ids")),
                bbox,
                intersects,
                parse("datetime", single(query, "datetime"), TimeInterval::parse),
                filter,
                parse("sortby", single(query, "sortby"), SortField::parse, List.of()),
                fields(query.containsKey("fields") ? () -> FieldsSpec.parse(nullToEmpty(single(query, "fields"))) : null),
                params.limit(single(query, "limit")),
                single(query, "token"));
    }

    public SearchRequest fromBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the search body must be a JSON object");
        }
        if (body.has("query")) {
            throw ApiException.badRequest("the 'query' extension is not supported; use 'filter' (CQL2), see /queryables");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BODY_KEYS.contains(name)) {
                throw ApiException.badRequest("unknown search parameter '" + name + "'; known: " + BODY_KEYS);
            }
        }
        Bbox bbox = parse("bbox", body.get("bbox"), Bbox::fromJson);
        Geometry intersects = parse("intersects", body.get("intersects"), GeoJson::read);
        requireNotBoth(bbox, intersects);
        checkCrs(text(body, "filter-crs"), "filter-crs");
        Expr filter = null;
        JsonNode filterNode = body.get("filter");
        if (filterNode != null && !filterNode.isNull()) {
            String lang = filterLang(text(body, "filter-lang"));
            if (lang == null || lang.equals("cql2-json")) {
                filter = cql(() -> Cql2JsonParser.parse(filterNode));
            } else if (lang.equals("cql2-text")) {
                if (!filterNode.isTextual()) {
                    throw ApiException.badRequest("with filter-lang cql2-text, filter must be a string");
                }
                filter = cql(() -> Cql2TextParser.parse(filterNode.textValue()));
            } else {
                throw unsupportedLang(lang);
            }
        }
        JsonNode limit = body.get("limit");
        if (limit != null && !limit.isNull() && !limit.canConvertToLong()) {
            throw ApiException.badRequest("limit must be a positive integer, got " + limit);
        }
        return new SearchRequest(
                strings(body, "collections"),
                strings(body, "ids"),
                bbox,
                intersects,
                parse("datetime", text(body, "datetime"), TimeInterval::parse),
                filter,
                parse("sortby", body.get("sortby"), this::sortFields, List.of()),
                fields(body.has("fields") ? () -> FieldsSpec.fromJson(body.get("fields")) : null),
                params.limit(limit == null || limit.isNull() ? null : limit.asText()),
                text(body, "token"));
    }

    private List<SortField> sortFields(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("sortby must be an array of {\"field\": ..., \"direction\": \"asc\"|\"desc\"}");
        }
        List<SortField> fields = new ArrayList<>();
        for (JsonNode item : node) {
            String field = item.path("field").asText("");
            String direction = item.path("direction").asText("asc");
            if (field.isEmpty() || !(direction.equals("asc") || direction.equals("desc"))) {
                throw new IllegalArgumentException("sortby items are {\"field\": name, \"direction\": \"asc\"|\"desc\"}, got " + item);
            }
            fields.add(new SortField(field, direction.equals("asc")));
        }
        return fields;
    }

    // --- helpers ---

    @FunctionalInterface
    private interface Parse<I, T> {
        T apply(I input);
    }

    private static <I, T> T parse(String name, I input, Parse<I, T> parser) {
        return parse(name, input, parser, null);
    }

    private static <I, T> T parse(String name, I input, Parse<I, T> parser, T absent) {
        if (input == null || (input instanceof JsonNode n && n.isNull()) || (input instanceof String s && s.isBlank())) {
            return absent;
        }
        try {
            return parser.apply(input);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + ": " + e.getMessage());
        }
    }

    /**
     * {@code split=train} (or {@code split=train,val}): the split as a plain query parameter, as OGC API Features
     * Part 1 lets a server offer its queryables, added to the filter with AND. GDAL's OGC API Features driver
     * pushes a -where on a property down only when the OpenAPI declares such a parameter for it.
     */
    private static Expr withSplit(Expr filter, String split) {
        if (split == null) {
            return filter;
        }
        List<String> values = list(split);
        if (values.isEmpty()) {
            throw ApiException.badRequest("split names no split: '" + split + "'");
        }
        Expr.Property property = new Expr.Property(ItemFields.SPLIT);
        Expr bySplit = values.size() == 1 ? new Expr.Compare("=", property, new Expr.Text(values.getFirst()))
                : new Expr.In(property, values.stream().map(v -> (Expr) new Expr.Text(v)).toList());
        return filter == null ? bySplit : new Expr.And(List.of(filter, bySplit));
    }

    /** No fields parameter is the whole item; one that is present but empty is the extension's default set. */
    private static FieldsSpec fields(java.util.function.Supplier<FieldsSpec> given) {
        if (given == null) {
            return FieldsSpec.ALL;
        }
        try {
            return given.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("fields: " + e.getMessage());
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Expr cql(java.util.function.Supplier<Expr> parse) {
        try {
            return parse.get();
        } catch (Cql2Exception e) {
            throw ApiException.badRequest("filter: " + e.getMessage());
        }
    }

    private JsonNode readJson(String name, String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw ApiException.badRequest(name + " is not valid JSON");
        }
    }

    private static void requireNotBoth(Bbox bbox, Geometry intersects) {
        if (bbox != null && intersects != null) {
            throw ApiException.badRequest("bbox and intersects cannot be used together");
        }
    }

    private static void checkCrs(String crs, String name) {
        if (crs != null && !WGS84.contains(crs)) {
            throw ApiException.badRequest(name + " '" + crs + "' is not supported; use " + WGS84.iterator().next());
        }
    }

    /**
     * The filter language, with the pre-CQL2 names (cql-text, cql-json) read as the CQL2 ones: GDAL's OGC API
     * Features driver still sends them, and without them it cannot push a filter down.
     */
    static String filterLang(String lang) {
        if ("cql-text".equals(lang)) {
            return "cql2-text";
        }
        return "cql-json".equals(lang) ? "cql2-json" : lang;
    }

    private static ApiException unsupportedLang(String lang) {
        return ApiException.badRequest("filter-lang '" + lang + "' is not supported; use cql2-text or cql2-json");
    }

    private static String single(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("parameter '" + name + "' is given " + values.size() + " times");
        }
        return values.getFirst();
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String text(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(name + " must be a string");
        }
        return node.textValue();
    }

    private static List<String> strings(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(name + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw ApiException.badRequest(name + " must be an array of strings");
            }
            values.add(n.textValue());
        }
        return values;
    }
}
