package io.patchserve.card;

import java.util.Optional;
import java.util.regex.Pattern;

/** DOIs as publishers write them: bare ({@code 10.5281/zenodo.123}), as a doi.org URL or with {@code doi:}. */
public final class Dois {

    private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");
    private static final Pattern PREFIX = Pattern.compile("^(https?://(dx\\.)?doi\\.org/|doi:)");

    private Dois() {
    }

    /** The bare DOI written in {@code text}; empty when it is not one. */
    public static Optional<String> parse(String text) {
        String bare = PREFIX.matcher(text.strip()).replaceFirst("");
        return DOI.matcher(bare).matches() ? Optional.of(bare) : Optional.empty();
    }

    /** The refusal for text that is not a DOI, naming the form it should take. */
    public static String problem(String what, String text) {
        return what + " '" + text + "' is not a DOI (10.<registrant>/<suffix>)";
    }
}
