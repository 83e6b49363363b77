package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where the object bytes live: an S3-compatible server. Every key is overridable as PATCHSERVE_STORAGE_*. */
@ConfigMapping(prefix = "patchserve.storage")
public interface StorageConfig {

    /** S3 endpoint URL, e.g. http://127.0.0.1:59000 or https://s3.eu-central-1.amazonaws.com. */
    @WithDefault("http://127.0.0.1:59000")
    String endpoint();

    /** S3 region used for request signing. */
    @WithDefault("us-east-1")
    String region();

    /** S3 access key id. */
    @WithDefault("patchserve")
    String accessKey();

    /** S3 secret access key. */
    @WithDefault("patchserve-secret")
    String secretKey();

    /** The one bucket that holds every object. */
    @WithDefault("patchserve")
    String bucket();

    /** Create the bucket at start-up when it is missing. */
    @WithDefault("true")
    boolean createBucket();

    /** How long to wait for a connection to S3 before the request fails as unavailable. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** How long a read from (or write to) S3 may stall before it fails. */
    @WithDefault("60S")
    Duration readTimeout();
}
