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
