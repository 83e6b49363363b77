package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service logs. Every key is overridable as PATCHSERVE_LOG_*. */
@ConfigMapping(prefix = "patchserve.log")
public interface LogConfig {

    /** One JSON object per line on the console (with the MDC, hence requestId), for log collectors. */
    @WithDefault("false")
    boolean json();
}
