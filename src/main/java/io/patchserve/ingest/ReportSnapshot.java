package io.patchserve.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An ingest report at one moment, as an import's status shows it and as an import process hands it to the
 * service (a JSON file the child rewrites as it goes).
 *
 * @param failure why the run stopped early, or null
 * @param skips   the first skipped units with their reasons
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportSnapshot(long created, long updated, long unchanged, long skipped, double seconds, String failure,
                             List<Skipped> skips) {

    public static ReportSnapshot of(IngestReport report) {
        return new ReportSnapshot(report.created(), report.updated(), report.unchanged(), report.skipped(),
                report.seconds(), report.failure(), report.skips());
    }

    public double itemsPerSecond() {
        return seconds > 0 ? (created + updated + unchanged) / seconds : 0;
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** The same counts with a failure, when the run could not say why it stopped (a process that died). */
    public ReportSnapshot failed(String reason) {
        return new ReportSnapshot(created, updated, unchanged, skipped, seconds, failure != null ? failure : reason, skips);
    }
}
