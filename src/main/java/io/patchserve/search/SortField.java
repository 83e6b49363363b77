package io.patchserve.search;

import java.util.ArrayList;
import java.util.List;

/** One sortby key: a queryable name and a direction. */
public record SortField(String field, boolean ascending) {

    /** GET form: {@code +datetime,-id} (no sign means ascending; '+' may arrive decoded as a space). */
    public static List<SortField> parse(String text) {
        List<SortField> fields = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String part = raw.strip();
            if (raw.startsWith(" ") && !part.isEmpty() && part.charAt(0) != '-') {
                part = "+" + part;
            }
            if (part.isEmpty()) {
                throw new IllegalArgumentException("sortby '" + text + "' has an empty field");
            }
            boolean ascending = part.charAt(0) != '-';
            String name = part.charAt(0) == '-' || part.charAt(0) == '+' ? part.substring(1).strip() : part;
            if (name.isEmpty()) {
                throw new IllegalArgumentException("sortby '" + text + "' has an empty field");
            }
            fields.add(new SortField(name, ascending));
        }
        return fields;
    }

}
