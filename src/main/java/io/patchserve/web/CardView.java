package io.patchserve.web;

import io.patchserve.card.DatasetCard;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.Map;

/**
 * What a dataset card adds to a collection's page: the description as Markdown (CommonMark, as STAC defines a
 * description; raw HTML in it is shown as text, and links keep to safe schemes), the publisher's BibTeX, class
 * definitions and colours, split and band notes.
 */
public record CardView(String descriptionHtml, String bibtex, Map<String, Map<String, Map<String, String>>> classes,
                       Map<String, String> splits, Map<String, String> bands) {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    @SuppressWarnings("unchecked")
    static CardView of(String description, Map<String, Object> extra) {
        Map<String, Object> e = extra == null ? Map.of() : extra;
        return new CardView(description == null ? "" : HTML.render(MARKDOWN.parse(description)),
                e.get(DatasetCard.BIBTEX) instanceof String s ? s : null,
                e.get(DatasetCard.CLASS_DEFINITIONS) instanceof Map<?, ?> m ? (Map<String, Map<String, Map<String, String>>>) m : Map.of(),
                e.get(DatasetCard.SPLITS) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of(),
                e.get(DatasetCard.BAND_NOTES) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of());
    }

    /** A class's description from the card, or "". */
    public String classNote(String property, String name) {
        return classes.getOrDefault(property, Map.of()).getOrDefault(name, Map.of()).getOrDefault("description", "");
    }

    /** A class's colour (#rrggbb) from the card, or "" (the page's own bar colour). */
    public String classColor(String property, String name) {
        return classes.getOrDefault(property, Map.of()).getOrDefault(name, Map.of()).getOrDefault("color", "");
    }

    public String splitNote(String split) {
        return splits.getOrDefault(split, "");
    }

    public String bandNote(String band) {
        return bands.getOrDefault(band, "");
    }
}
