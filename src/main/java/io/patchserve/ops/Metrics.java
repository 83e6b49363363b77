package io.patchserve.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.function.ToDoubleFunction;

/**
 * The service's own Prometheus metrics, next to the HTTP server metrics Quarkus records per route template
 * (http_server_requests_seconds, with histogram buckets so that latency quantiles can be aggregated across pods).
 */
@ApplicationScoped
public class Metrics {

    private final MeterRegistry registry;

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Bytes of stored objects sent, by route ("asset" now; bundles and crops later). */
    public Counter bytesServed(String route) {
        return Counter.builder("patchserve.bytes.served").baseUnit("bytes").tag("route", route)
                .description("Bytes of stored objects streamed to clients").register(registry);
    }

    /** Items an ingest handled, by format and outcome (created, updated, unchanged, skipped). */
    public Counter ingestItems(String format, String outcome) {
        return Counter.builder("patchserve.ingest.items").tag("format", format).tag("outcome", outcome)
                .description("Items handled by ingest runs").register(registry);
    }

    /** Ingest runs that stopped early. */
    public Counter ingestFailures(String format) {
        return Counter.builder("patchserve.ingest.failures").tag("format", format)
                .description("Ingest runs that stopped before the end of their release").register(registry);
    }


    /** Requests that failed because PostGIS or S3 was unavailable. */
    public Counter dependencyErrors(String dependency) {
        return Counter.builder("patchserve.dependency.errors").tag("dependency", dependency)
                .description("Requests answered 503 because a dependency was unavailable").register(registry);
    }

    /**
     * S3 client connections, by state: "in-use" ones carry a request or a response not yet read to its end or
     * closed. With no request running it must fall to 0; a response left open holds one for good.
     */
    public <T> void s3Connections(String state, T pool, ToDoubleFunction<T> count) {
        Gauge.builder("patchserve.s3.connections", pool, count).tag("state", state)
                .description("S3 client connections by state (idle in the pool, or in use)").register(registry);
    }

    public static class Filters {
        /** Histogram buckets for HTTP latency, so that p50/p99 can be computed across replicas. */
        @Produces
        @Singleton
        public MeterFilter httpHistograms() {
            return new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                    if (id.getName().startsWith("http.server.requests")) {
                        return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                    }
                    return config;
                }
            };
        }
    }
}
