package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** How the HTTP API presents itself. Every key is overridable as PATCHSERVE_API_*. */
@ConfigMapping(prefix = "patchserve.api")
public interface ApiConfig {

    /** External base URL (scheme, host, path prefix) used for every link; when unset it comes from the request. */
    Optional<String> baseUrl();

    /** Honour Forwarded and X-Forwarded-Proto/-Host/-Prefix headers; enable only behind a gateway that sets them. */
    @WithDefault("false")
    boolean trustForwardedHeaders();

    /** Page size when a request names none. */
    @WithDefault("10")
    int defaultLimit();

    /** Largest page size; a larger limit is served as this one. */
    @WithDefault("1000")
    int maxLimit();

    /** Title of the landing page (the root catalog). */
    @WithDefault("Patchserve")
    String title();

    /** Description of the landing page (the root catalog). */
    @WithDefault("Earth-observation patch datasets for machine learning, served as STAC with downloads, crops and bundles.")
    String description();
}
