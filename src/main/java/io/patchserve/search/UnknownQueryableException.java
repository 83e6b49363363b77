package io.patchserve.search;

import io.patchserve.search.cql2.Cql2Exception;

import java.util.Collection;
import java.util.stream.Collectors;

/** A filter or sortby names something that is not queryable here. */
public class UnknownQueryableException extends Cql2Exception {

    private static final int LISTED = 40;

    public UnknownQueryableException(String name, Collection<String> known) {
        super("'" + name + "' is not a queryable here; queryables are "
                + known.stream().sorted().limit(LISTED).collect(Collectors.joining(", ", "[", known.size() > LISTED ? ", ...]" : "]"))
                + " (see /queryables)");
    }
}
