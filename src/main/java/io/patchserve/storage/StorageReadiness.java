package io.patchserve.storage;

import io.patchserve.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the bucket answers. The database has its own readiness check from the datasource. */
@Readiness
@ApplicationScoped
public class StorageReadiness implements HealthCheck {

    private final ObjectStore store;
    private final StorageConfig config;

    public StorageReadiness(ObjectStore store, StorageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("object-storage").withData("bucket", config.bucket());
        try {
            return response.status(store.bucketExists()).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
