package io.patchserve.web;

import java.util.List;

/** The search page over every collection: the collections to choose from and the splits they have. */
public record SearchPage(String base, List<Choice> collections, List<String> splits) {

    /** A collection in the chooser, with the property its labels are in (for the label filter's CQL2). */
    public record Choice(String id, String title, String labelProperty) {
    }
}
