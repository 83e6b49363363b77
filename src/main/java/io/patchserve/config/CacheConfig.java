package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The in-process caches (Caffeine): what they may hold and for how long. Writes in this replica drop the entries
 * they change at once; the lifetimes bound how long a replica serves what another replica changed. Every key is
 * overridable as PATCHSERVE_CACHE_*.
 */
@ConfigMapping(prefix = "patchserve.cache")
public interface CacheConfig {

    /** How long collection metadata (queryables for search and filter, bands for crops) is used before it is read again. */
    @WithDefault("5S")
    Duration collectionMetadataTtl();

    /** How long a collection's band statistics (the default rescale of crops) are used; they change when an ingest run ends. */
    @WithDefault("10S")
    Duration statisticsTtl();

    /** Most collections whose metadata and statistics are held at once. */
    @WithDefault("1000")
    long maxCollections();

    /** Bytes of cropped items' data held between crops (least recently used out first; keys name their content, so never stale). */
    @WithDefault("268435456")
    long itemDataBytes();
}
