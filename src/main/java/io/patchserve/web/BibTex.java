package io.patchserve.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A BibTeX entry for citing a dataset as this service serves it ({@code @misc}, as Zenodo and Hugging Face export
 * for datasets): its title, the providers that made or licensed it as authors (institutions, so each in double
 * braces: BibTeX must not split them into first and last names), the year it was last changed, its URL and
 * DOI. A publisher's own entry (a dataset card's, #22) replaces it.
 */
final class BibTex {

    private BibTex() {
    }

    static String entry(String key, String title, List<CollectionPage.Provider> providers, Instant updated, String url,
                        String doi, String license) {
        List<String> authors = new ArrayList<>();
        String publisher = null;
        for (CollectionPage.Provider p : providers) {
            if (p.roles().contains("producer") || p.roles().contains("licensor")) {
                authors.add("{" + escape(p.name()) + "}");
            }
            if (p.roles().contains("host") && publisher == null) {
                publisher = p.name();
            }
        }
        StringBuilder b = new StringBuilder("@misc{").append(key.replaceAll("[^A-Za-z0-9_:.-]", "_")).append(",\n");
        field(b, "title", "{" + escape(title) + "}");
        if (!authors.isEmpty()) {
            field(b, "author", String.join(" and ", authors));
        }
        if (publisher != null) {
            field(b, "publisher", escape(publisher));
        }
        if (updated != null) {
            field(b, "year", Integer.toString(updated.atZone(ZoneOffset.UTC).getYear()));
        }
        field(b, "howpublished", "\\url{" + url + "}");
        if (doi != null && !doi.isBlank()) {
            field(b, "doi", escape(doi));
        }
        if (license != null && !license.isBlank()) {
            field(b, "note", "Licence: " + escape(license));
        }
        b.setLength(b.length() - 2); // the last field's ",\n"
        return b.append("\n}").toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  ").append(name).append(" = {").append(value).append("},\n");
    }

    /** LaTeX's special characters escaped; braces dropped, as an unbalanced one would break the whole entry. */
    static String escape(String text) {
        return text.replaceAll("[{}]", "").replaceAll("([&%$#_])", "\\\\$1").replace("~", "\\textasciitilde{}")
                .replace("^", "\\textasciicircum{}");
    }
}
