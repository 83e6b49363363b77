package io.patchserve.search;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.patchserve.catalog.CatalogChanged;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.LabelNomenclatures;
import io.patchserve.config.CacheConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values a property can take where they are known: the splits the items hold (from the index), the classes
 * of each label nomenclature a collection declares, and the platforms, constellations and instruments its
 * summaries list. The queryables give them as enums, so clients can offer them, and a filter that compares
 * such a property with a value outside them (a typo: {@code split = 'training'}, {@code 'Inland water'}) is
 * answered with 400 instead of 0 results.
 */
@ApplicationScoped
public class KnownValues {

    private static final List<String> SUMMARISED = List.of("platform", "constellation", "instruments");

    private final CatalogService catalog;
    private final SearchRepository repository;
    private final LoadingCache<String, Map<String, Set<String>>> byCollection;
    /** The union for a search's collections (key: their ids, sorted; empty for all), so a search asks no database. */
    private final LoadingCache<List<String>, Map<String, Set<String>>> bySearch;

    public KnownValues(CatalogService catalog, SearchRepository repository, CacheConfig config) {
        this.catalog = catalog;
        this.repository = repository;
        this.byCollection = Caffeine.newBuilder()
                .expireAfterWrite(config.collectionMetadataTtl())
                .maximumSize(config.maxCollections())
                .build(this::read);
        this.bySearch = Caffeine.newBuilder()
                .expireAfterWrite(config.collectionMetadataTtl())
                .maximumSize(config.maxCollections())
                .build(this::union);
    }

    void onCatalogChanged(@Observes CatalogChanged event) {
        byCollection.invalidateAll();
        bySearch.invalidateAll();
    }

    /** Property -> its values across the collections (all when empty); a property unknown in one is unknown. */
    public Map<String, Set<String>> of(Collection<String> collectionIds) {
        return bySearch.get(collectionIds.stream().distinct().sorted().toList());
    }

    private Map<String, Set<String>> union(List<String> collectionIds) {
        Collection<String> ids = collectionIds.isEmpty()
                ? catalog.collections().stream().map(c -> c.id).toList() : collectionIds;
        Map<String, Set<String>> out = null;
        for (String id : ids) {
            Map<String, Set<String>> values = byCollection.get(id);
            if (out == null) {
                out = new TreeMap<>();
                for (var e : values.entrySet()) {
                    out.put(e.getKey(), new TreeSet<>(e.getValue()));
                }
            } else {
                out.keySet().retainAll(values.keySet());
                for (var e : out.entrySet()) {
                    e.getValue().addAll(values.get(e.getKey()));
                }
            }
        }
        return out == null ? Map.of() : out;
    }

    private Map<String, Set<String>> read(String collectionId) {
        CollectionEntity collection = catalog.collection(collectionId);
        Map<String, Set<String>> out = new TreeMap<>();
        Set<String> splits = repository.splitValues(collectionId);
        if (!splits.isEmpty()) {
            out.put(ItemFields.SPLIT, splits);
        }
        LabelNomenclatures.of(collection).classesByProperty().forEach((property, classes) -> out.put(property, new TreeSet<>(classes)));
        if (collection.extra.get("summaries") instanceof Map<?, ?> summaries) {
            for (String name : SUMMARISED) {
                if (summaries.get(name) instanceof List<?> list && !list.isEmpty()) {
                    out.put(name, new TreeSet<>(list.stream().map(String::valueOf).toList()));
                }
            }
        }
        return out;
    }
}
