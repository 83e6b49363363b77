package io.patchserve.search;

import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.search.Queryable.Type;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What filter and sortby may name: the core fields (columns) everywhere, plus the properties the items of
 * the searched collections carry (recorded per collection after each load).
 */
@ApplicationScoped
public class QueryablesService {

    static final Map<String, Queryable> CORE;

    static {
        Map<String, Queryable> core = new LinkedHashMap<>();
        core.put("id", Queryable.core("id", Type.STRING, "i.id"));
        core.put("collection", Queryable.core("collection", Type.STRING, "i.collection_id"));
        core.put("datetime", Queryable.core("datetime", Type.TIMESTAMP, "i.dt"));
        core.put("start_datetime", Queryable.core("start_datetime", Type.TIMESTAMP, "i.t_start"));
        core.put("end_datetime", Queryable.core("end_datetime", Type.TIMESTAMP, "i.t_end"));
        core.put("geometry", Queryable.core("geometry", Type.GEOMETRY, "i.geometry"));
        CORE = Map.copyOf(core);
    }

    private final CatalogService catalog;

    public QueryablesService(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** Queryables of the given collections (all collections when empty), by name. */
    public Map<String, Queryable> of(Collection<String> collectionIds) {
        List<CollectionEntity> collections = collectionIds.isEmpty()
                ? catalog.collections()
                : collectionIds.stream().map(catalog::collection).toList();
        Map<String, Queryable> result = new LinkedHashMap<>(orderedCore());
        for (CollectionEntity c : collections) {
            c.queryables.forEach((name, schema) -> {
                if (!result.containsKey(name) && schema instanceof Map<?, ?> s) {
                    Queryable q = fromSchema(name, s);
                    if (q != null) {
                        result.put(name, q);
                    }
                }
            });
        }
        return result;
    }

    private static Map<String, Queryable> orderedCore() {
        Map<String, Queryable> ordered = new LinkedHashMap<>();
        for (String name : List.of("id", "collection", "datetime", "start_datetime", "end_datetime", "geometry")) {
            ordered.put(name, CORE.get(name));
        }
        return ordered;
    }

    private static Queryable fromSchema(String name, Map<?, ?> schema) {
        String type = String.valueOf(schema.get("type"));
        return switch (type) {
            case "string" -> Queryable.property(name, "date-time".equals(schema.get("format")) ? Type.TIMESTAMP : Type.STRING, null);
            case "number", "integer" -> Queryable.property(name, Type.NUMBER, null);
            case "boolean" -> Queryable.property(name, Type.BOOLEAN, null);
            case "array" -> {
                Object items = schema.get("items");
                String itemType = items instanceof Map<?, ?> m ? String.valueOf(m.get("type")) : "string";
                yield Queryable.property(name, Type.ARRAY, switch (itemType) {
                    case "number", "integer" -> Type.NUMBER;
                    case "boolean" -> Type.BOOLEAN;
                    default -> Type.STRING;
                });
            }
            default -> null;
        };
    }
}
