package io.patchserve.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a publisher states about a collection on one occasion (a dataset card, ingest's --title/--license, a
 * card PUT through the API): only the stated values change, so a rerun that says nothing about the title keeps the
 * one set through the API. Null means "not stated".
 *
 * @param extra   top-level STAC fields (providers, sci:doi, ...) each replaced whole
 * @param classes label nomenclatures (patchserve:classes) each replaced whole by property, others kept
 */
public record CollectionChanges(String title, String description, String license, List<String> keywords,
                                Map<String, Object> extra, Map<String, List<String>> classes) {

    public static final CollectionChanges NONE = new CollectionChanges(null, null, null, null, Map.of(), Map.of());

    public CollectionChanges {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        classes = classes == null ? Map.of() : Map.copyOf(classes);
    }

    /** These changes with {@code later}'s on top (ingest's flags over the card's values). */
    public CollectionChanges then(CollectionChanges later) {
        Map<String, Object> mergedExtra = new LinkedHashMap<>(extra);
        mergedExtra.putAll(later.extra);
        Map<String, List<String>> mergedClasses = new LinkedHashMap<>(classes);
        mergedClasses.putAll(later.classes);
        return new CollectionChanges(later.title != null ? later.title : title, later.description != null ? later.description : description,
                later.license != null ? later.license : license, later.keywords != null ? later.keywords : keywords,
                mergedExtra, mergedClasses);
    }

    /** A new collection's draft (its format's defaults) with these changes made. */
    public NewCollection applyTo(NewCollection draft) {
        return new NewCollection(draft.id(), title != null ? title : draft.title(),
                description != null ? description : draft.description(), license != null ? license : draft.license(),
                keywords != null ? keywords : draft.keywords(), extra(draft.extra()));
    }

    /** A collection's STAC fields with these changes made. */
    @SuppressWarnings("unchecked")
    Map<String, Object> extra(Map<String, Object> current) {
        Map<String, Object> out = new LinkedHashMap<>(current);
        out.putAll(extra);
        if (!classes.isEmpty()) {
            Object stated = out.get(LabelNomenclatures.KEY);
            Map<String, Object> nomenclatures = stated instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            nomenclatures.putAll(classes);
            out.put(LabelNomenclatures.KEY, nomenclatures);
        }
        return out;
    }

    public boolean isEmpty() {
        return title == null && description == null && license == null && keywords == null && extra.isEmpty() && classes.isEmpty();
    }
}
