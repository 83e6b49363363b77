package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How searches run. Every key is overridable as PATCHSERVE_SEARCH_*. */
@ConfigMapping(prefix = "patchserve.search")
public interface SearchConfig {

    /** numberMatched is counted exactly when the planner expects at most this many matches (and there are); otherwise the planner's estimate. */
    @WithDefault("1000")
    long exactCountLimit();

    /**
     * Most values one list of a search may hold (ids, collections, a filter's IN list or array literal): a longer
     * one is a 400, as it would make a slow query for a question better asked another way.
     */
    @WithDefault("1000")
    int maxListValues();

    /** How long a search query may run before it is cancelled with a 503 (whole seconds). */
    @WithDefault("30S")
    Duration statementTimeout();

    /**
     * Whether search pages send items as their stored STAC JSON (written with each item) rather than rendering
     * them from their columns. Off, every item is rendered from its columns: slower, and the same JSON; for
     * comparing the two, or for ruling the stored JSON out when looking into a wrong-looking item.
     */
    @WithDefault("true")
    boolean sendStoredJson();
}
