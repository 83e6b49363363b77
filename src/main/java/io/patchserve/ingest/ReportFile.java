package io.patchserve.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a run's report in a JSON file while it goes (every half second, and once more at the end), each time
 * written whole and moved into place, so that a reader never sees half a file: how the service watches an
 * import that runs in a process of its own.
 */
final class ReportFile implements AutoCloseable {

    private final Path file;
    private final IngestReport report;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "report-file");
        t.setDaemon(true);
        return t;
    });

    ReportFile(Path file, IngestReport report, ObjectMapper mapper) {
        this.file = file;
        this.report = report;
        this.mapper = mapper;
        writer.scheduleWithFixedDelay(this::write, 0, 500, TimeUnit.MILLISECONDS);
    }

    private synchronized void write() {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            mapper.writeValue(next.toFile(), ReportSnapshot.of(report));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file, e);
        }
    }

    /** Reads what a run wrote; null while there is nothing yet. */
    static ReportSnapshot read(Path file, ObjectMapper mapper) {
        try {
            return Files.exists(file) ? mapper.readValue(file.toFile(), ReportSnapshot.class) : null;
        } catch (IOException e) {
            return null; // not there yet, or being replaced: the next read sees it
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
        write();
    }
}
