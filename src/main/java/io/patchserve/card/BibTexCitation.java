package io.patchserve.card;

import io.patchserve.error.ApiException;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.jbibtex.Value;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset card's citation: BibTeX, parsed with jbibtex so that a malformed entry is refused with the parser's
 * reason, and turned into the one-line text STAC's {@code sci:citation} holds ("Authors (year). Title. Venue.").
 */
record BibTexCitation(String bibtex, String text, String doi) {

    /** Parses the card's BibTeX; an {@link ApiException} (400) says what is wrong with it. */
    static BibTexCitation parse(String bibtex) {
        BibTeXDatabase database;
        try {
            database = new BibTeXParser() {
                @Override
                public void checkStringResolution(Key key, org.jbibtex.BibTeXString string) {
                    // month = jan and other undefined @string macros: kept as written, as BibTeX styles do
                }

                @Override
                public void checkCrossReferenceResolution(Key key, BibTeXEntry entry) {
                }
            }.parse(new StringReader(bibtex));
        } catch (org.jbibtex.ParseException | org.jbibtex.TokenMgrException | org.jbibtex.ObjectResolutionException e) {
            throw ApiException.badRequest("citation is not valid BibTeX: " + DatasetCard.firstLine(e.getMessage()));
        }
        List<BibTeXEntry> entries = new ArrayList<>(database.getEntries().values());
        if (entries.isEmpty()) {
            throw ApiException.badRequest("citation holds no BibTeX entry (expected e.g. @article{key, title = {...}, ...})");
        }
        BibTeXEntry entry = entries.getFirst();
        String title = field(entry, BibTeXEntry.KEY_TITLE);
        if (title == null) {
            throw ApiException.badRequest("citation's entry @" + entry.getType() + "{" + entry.getKey() + ", ...} has no title");
        }
        StringBuilder text = new StringBuilder();
        String author = field(entry, BibTeXEntry.KEY_AUTHOR);
        if (author != null) {
            text.append(author);
        }
        String year = field(entry, BibTeXEntry.KEY_YEAR);
        if (year != null) {
            text.append(" (").append(year).append(")");
        }
        text.append(text.isEmpty() ? "" : ". ").append(title).append('.');
        for (Key venue : List.of(BibTeXEntry.KEY_JOURNAL, BibTeXEntry.KEY_BOOKTITLE, BibTeXEntry.KEY_PUBLISHER)) {
            String v = field(entry, venue);
            if (v != null) {
                text.append(' ').append(v).append('.');
                break;
            }
        }
        return new BibTexCitation(bibtex.strip(), text.toString(), field(entry, BibTeXEntry.KEY_DOI));
    }

    /** A field's value as plain text (LaTeX commands and braces resolved), or null. */
    private static String field(BibTeXEntry entry, Key key) {
        Value value = entry.getField(key);
        if (value == null) {
            return null;
        }
        String latex = value.toUserString();
        try {
            return new LaTeXPrinter().print(new LaTeXParser().parse(latex)).replaceAll("\\s+", " ").strip();
        } catch (org.jbibtex.ParseException | org.jbibtex.TokenMgrException e) {
            return latex.replaceAll("[{}]", "").replaceAll("\\s+", " ").strip();
        }
    }
}
