package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How searches run. Every key is overridable as PATCHSERVE_SEARCH_*. */
@ConfigMapping(prefix = "patchserve.search")
public interface SearchConfig {

    /** numberMatched is counted exactly when the planner expects at most this many matches (and there are); otherwise the planner's estimate. */
    @WithDefault("1000")
    long exactCountLimit();

    /** Seconds a replica may search with collection metadata (queryables) written by another replica before it re-reads it. */
    @WithDefault("5")
    int catalogCacheSeconds();

    /** Seconds a search query may run before it is cancelled with a 503. */
    @WithDefault("30")
    int statementTimeoutSeconds();

    /**
     * Whether search pages send items as their stored STAC JSON (written with each item) rather than rendering
     * them from their columns. Off, every item is rendered from its columns: slower, and the same JSON; for
     * comparing the two, or for ruling the stored JSON out when looking into a wrong-looking item.
     */
    @WithDefault("true")
    boolean sendStoredJson();
}
