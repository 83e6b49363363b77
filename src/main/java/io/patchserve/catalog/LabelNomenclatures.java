package io.patchserve.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection's label nomenclatures: for each item property that holds an item's labels (BigEarthNet's
 * {@code labels} and {@code labels_19}), the classes in multi-hot order. Kept in the collection as
 * {@value #KEY}, so STAC clients see them too. Formats declare them with {@link #writeTo}; bundles and stacks
 * encode labels by {@link #of}; neither spells a dataset's property names.
 *
 * @param classesByProperty in the order the collection stores them (its first is the collection's primary labels)
 */
public record LabelNomenclatures(Map<String, List<String>> classesByProperty) {

    public static final String KEY = "patchserve:classes";
    public static final LabelNomenclatures NONE = new LabelNomenclatures(Map.of());

    public LabelNomenclatures {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        classesByProperty.forEach((property, classes) -> copy.put(property, List.copyOf(classes)));
        classesByProperty = Collections.unmodifiableMap(copy);
    }

    /** The nomenclatures a collection declares (none when it declares none). */
    public static LabelNomenclatures of(CollectionEntity collection) {
        if (!(collection.extra.get(KEY) instanceof Map<?, ?> declared)) {
            return NONE;
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        declared.forEach((property, names) -> {
            if (names instanceof List<?> list) {
                classes.put(String.valueOf(property), list.stream().map(String::valueOf).toList());
            }
        });
        return new LabelNomenclatures(classes);
    }

    /** Declares them in a collection's further fields. */
    public void writeTo(Map<String, Object> extra) {
        extra.put(KEY, classesByProperty);
    }

    /** The item properties that hold labels. */
    public List<String> properties() {
        return List.copyOf(classesByProperty.keySet());
    }

    public boolean isEmpty() {
        return classesByProperty.isEmpty();
    }
}
