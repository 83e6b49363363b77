package io.patchserve.catalog;

import io.agroal.api.AgroalDataSource;
import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A collection's vocabulary with its counts, as PostgreSQL keeps them (table {@code item_count}, maintained by
 * triggers in the statement of every item write, V12): items overall and per split, and per class of each label
 * nomenclature overall and per split. Exact after any change, and one primary-key range read at any size.
 */
@ApplicationScoped
public class ItemCounts {

    /** Split key of the counts over every item. */
    public static final String ALL = "all";

    private final AgroalDataSource dataSource;

    public ItemCounts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param items   the collection's items
     * @param splits  items per split value (only splits that have items)
     * @param classes per nomenclature, per class in the collection's order (zero included), items by split and
     *                {@value #ALL}
     * @param months  items per month ({@code YYYY-MM}, UTC) of their datetime or interval start, in order (V16)
     * @param bytes   the size of the items' stored objects (V18)
     */
    public record Vocabulary(long items, Map<String, Long> splits, Map<String, Map<String, Map<String, Long>>> classes,
                             Map<String, Long> months, long bytes) {
    }

    /** The facet property of the items' bytes (V18). */
    private static final String BYTES = "@bytes";

    /** The facet property of items per month (V16). */
    private static final String MONTH = "@month";

    public Vocabulary of(CollectionEntity collection) {
        long items = 0, bytes = 0;
        Map<String, Long> splits = new TreeMap<>();
        Map<String, Long> months = new TreeMap<>();
        Map<String, Map<String, Map<String, Long>>> counted = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT property, value, split, count FROM item_count WHERE collection_id = ? AND count > 0")) {
            s.setString(1, collection.id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String property = r.getString(1), value = r.getString(2), split = r.getString(3);
                    long count = r.getLong(4);
                    if (property.isEmpty()) {
                        if (split.equals("*")) {
                            items = count;
                        }
                    } else if (property.equals(ItemFields.SPLIT) && split.equals("*")) {
                        splits.put(value, count);
                    } else if (property.equals(BYTES)) {
                        if (split.equals("*")) {
                            bytes = count;
                        }
                    } else if (property.equals(MONTH)) {
                        if (split.equals("*")) {
                            months.put(value, count);
                        }
                    } else {
                        counted.computeIfAbsent(property, p -> new LinkedHashMap<>()).computeIfAbsent(value, v -> new TreeMap<>())
                                .put(split.equals("*") ? ALL : split, count);
                    }
                }
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
        Map<String, Map<String, Map<String, Long>>> classes = new LinkedHashMap<>();
        LabelNomenclatures.of(collection).classesByProperty().forEach((property, names) -> {
            Map<String, Map<String, Long>> byClass = new LinkedHashMap<>();
            Map<String, Map<String, Long>> seen = counted.getOrDefault(property, Map.of());
            for (String name : names) {
                Map<String, Long> bySplit = new TreeMap<>(seen.getOrDefault(name, Map.of()));
                bySplit.putIfAbsent(ALL, 0L);
                byClass.put(name, bySplit);
            }
            classes.put(property, byClass);
        });
        return new Vocabulary(items, splits, classes, months, bytes);
    }

    /** The counts of every class, overall, as the label extension's overview objects. */
    static List<Map<String, Object>> labelOverviews(Vocabulary v) {
        return v.classes().entrySet().stream().map(e -> {
            Map<String, Object> overview = new LinkedHashMap<>();
            overview.put("property_key", e.getKey());
            overview.put("counts", e.getValue().entrySet().stream()
                    .map(c -> Map.<String, Object>of("name", c.getKey(), "count", c.getValue().get(ALL))).toList());
            return overview;
        }).toList();
    }
}
