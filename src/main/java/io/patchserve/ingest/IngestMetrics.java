package io.patchserve.ingest;

import io.patchserve.ops.Metrics;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the ingest counters of {@link Metrics} current while a run goes on: every report of a run tells it. */
@ApplicationScoped
public class IngestMetrics implements IngestReport.Listener {

    private final Metrics metrics;

    public IngestMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void counted(String format, String outcome, long n) {
        metrics.ingestItems(format, outcome).increment(n);
    }

    @Override
    public void failed(String format) {
        metrics.ingestFailures(format).increment();
    }
}
