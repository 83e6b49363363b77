package io.patchserve.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An import run by a process of its own: the service's artifact started again as the {@code ingest} command,
 * with the service's configuration (environment and {@code -D} properties) and a heap of its own, so that a
 * release that exhausts memory stops its import, never the service. The child keeps its report in a JSON file
 * the service reads for {@code GET /imports/{id}}.
 */
final class ImportProcess {

    /**
     * An import's collector, whatever the service's: the throughput collector. An ingest under G1 spent ~20 % more
     * CPU per patch (its barriers, concurrent marking and regions pinned around each deflate); a batch job has no
     * pause times to keep, and its heap is its own (bench/README.md, session 19). The one-shot {@code ingest}
     * command gets the same from {@code ./patchserve}.
     */
    static final String COLLECTOR = "-XX:+UseParallelGC";

    private final Process process;
    private final Path reportFile;
    private final ObjectMapper mapper;

    private ImportProcess(Process process, Path reportFile, ObjectMapper mapper) {
        this.process = process;
        this.reportFile = reportFile;
        this.mapper = mapper;
    }

    /** The runner jar this service was started from, when it was ({@code java -jar quarkus-run.jar}). */
    static Optional<Path> runnerJar() {
        String classPath = System.getProperty("java.class.path", "");
        Path jar = Path.of(classPath.split(java.io.File.pathSeparator)[0]);
        return classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator) && Files.isRegularFile(jar)
                ? Optional.of(jar.toAbsolutePath()) : Optional.empty();
    }

    static ImportProcess start(Path runner, String heap, List<String> ingestArguments, Path workDir, ObjectMapper mapper)
            throws IOException {
        Files.createDirectories(workDir);
        Path reportFile = Files.createTempFile(workDir, "import-", ".json");
        Files.delete(reportFile); // the child writes it when it has something to say
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the service's settings given as -D go along; its heap, agents and collector do not
            if (!argument.startsWith("-Xmx") && !argument.startsWith("-Xms") && !argument.contains("RAMPercentage")
                    && !argument.startsWith("-agentlib") && !argument.startsWith("-javaagent") && !selectsCollector(argument)) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", COLLECTOR, "-jar", runner.toString(), "ingest",
                "--report", reportFile.toString()));
        command.addAll(ingestArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("QUARKUS_HTTP_HOST_ENABLED", "false"); // a command opens no port
        // options the JVM reads from the environment (the container image sets its collector there) would name a
        // second collector, which stops a JVM at its start
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            builder.environment().computeIfPresent(variable, (name, options) -> withoutCollector(options));
        }
        Process process = builder.start();
        process.getOutputStream().close();
        return new ImportProcess(process, reportFile, mapper);
    }

    /** Whether a JVM option picks or drops a garbage collector ({@code -XX:+UseG1GC}, {@code -XX:-UseParallelGC} ...). */
    static boolean selectsCollector(String option) {
        return option.matches("-XX:[+-]Use\\w+GC");
    }

    /** JVM options (as one string, space-separated) without those that pick a collector. */
    static String withoutCollector(String options) {
        List<String> all = java.util.Arrays.asList(options.trim().split("\\s+"));
        if (all.stream().noneMatch(ImportProcess::selectsCollector)) {
            return options; // as given, quoting and all
        }
        return String.join(" ", all.stream().filter(o -> !o.isEmpty() && !selectsCollector(o)).toList());
    }

    /** What the child has reported so far (empty counts until its first report). */
    ReportSnapshot snapshot() {
        ReportSnapshot read = ReportFile.read(reportFile, mapper);
        return read != null ? read : new ReportSnapshot(0, 0, 0, 0, 0, null, List.of());
    }

    /** Waits for the child and returns its last report, failed with the reason when it died without saying one. */
    ReportSnapshot await() throws InterruptedException {
        int exit = process.waitFor();
        ReportSnapshot last = snapshot();
        try {
            Files.deleteIfExists(reportFile);
        } catch (IOException e) {
            // a leftover report in the temp folder is harmless
        }
        if (exit == IngestCommand.CLEAN || exit == IngestCommand.WITH_SKIPS || exit == IngestCommand.FAILED) {
            return last; // done (skips are in the report), or stopped early with its reason in the report
        }
        return last.failed("the import process exited with code " + exit
                + (exit == 3 || exit == 137 ? " (out of memory, or killed)" : "") + "; rerunning the import is safe");
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
