package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/**
 * Where the service writes the files it makes for itself: archive entries spooled by ingest, a bundle's plan,
 * stacked and cropped HDF5 before they are sent. Each is deleted when its run or response is done. Overridable
 * as PATCHSERVE_TEMP_DIR.
 */
@ConfigMapping(prefix = "patchserve.temp")
public interface TempConfig {

    /** The folder (created when missing); the JVM's temporary folder unless set (in the container, /tmp). */
    @WithDefault("${java.io.tmpdir}")
    Path dir();
}
