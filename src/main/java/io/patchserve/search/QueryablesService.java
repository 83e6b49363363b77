package io.patchserve.search;

import io.patchserve.http.ReleaseIds;
import io.patchserve.catalog.CatalogChanged;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.search.Queryable.Type;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.patchserve.config.CacheConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What filter and sortby may name: the core fields (columns) everywhere, plus the properties the items of
 * the searched collections carry (recorded per collection after each load). Held in memory for a few
 * seconds, since every search needs them: writes in this process drop the copy at once, writes by other
 * replicas are seen within {@code patchserve.cache.collection-metadata-ttl}.
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

    /** The one key of {@link #snapshots}: every collection's queryables are read together, in one query. */
    private static final String ALL = "all";

    private final CatalogService catalog;
    private final LoadingCache<String, Map<String, Map<String, Object>>> snapshots;

    public QueryablesService(CatalogService catalog, CacheConfig config) {
        this.catalog = catalog;
        this.snapshots = Caffeine.newBuilder()
                .expireAfterWrite(config.collectionMetadataTtl())
                .maximumSize(1)
                .build(all -> readAll());
    }

    void onCatalogChanged(@Observes CatalogChanged event) {
        snapshots.invalidateAll();
    }

    /** Every collection's stored queryables, by collection id, releases' too. */
    private Map<String, Map<String, Object>> readAll() {
        Map<String, Map<String, Object>> byCollection = new LinkedHashMap<>();
        for (CollectionEntity c : catalog.collectionsAndReleases()) {
            byCollection.put(c.id, c.queryables);
        }
        return byCollection;
    }

    /** Queryables of the given collections (all collections when empty), by name; 404 for an unknown collection. */
    public Map<String, Queryable> of(Collection<String> collectionIds) {
        Map<String, Map<String, Object>> byCollection = snapshots.get(ALL);
        if (!byCollection.keySet().containsAll(collectionIds)) {
            snapshots.invalidateAll(); // created by another replica since the copy was taken?
            byCollection = snapshots.get(ALL);
            for (String id : collectionIds) {
                if (!byCollection.containsKey(id)) {
                    catalog.collection(id); // throws the 404
                }
            }
        }
        List<Map<String, Object>> stored = collectionIds.isEmpty()
                ? byCollection.entrySet().stream().filter(e -> !ReleaseIds.isRelease(e.getKey())).map(Map.Entry::getValue).toList()
                : collectionIds.stream().map(byCollection::get).toList();
        Map<String, Queryable> result = new LinkedHashMap<>(orderedCore());
        for (Map<String, Object> queryables : stored) {
            queryables.forEach((name, schema) -> {
                if (!result.containsKey(name) && schema instanceof Map<?, ?> described) {
                    Queryable q = fromSchema(name, described);
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
