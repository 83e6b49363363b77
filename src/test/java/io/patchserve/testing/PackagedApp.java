package io.patchserve.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar (target/quarkus-app) as operators run it, for the *IT tests: the ingest command and the
 * service as processes of their own on the local stack, on the JDK running the tests (Temurin 25), every
 * process destroyed on {@link #close()}.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Pattern DONE = Pattern.compile(": (\\d+) done \\(");

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** The jar with {@code args} (none: the service), pointed at the local stack; stderr joins stdout. */
    public ProcessBuilder command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + LocalStack.PG_PORT + "/patchserve");
        builder.environment().put("PATCHSERVE_STORAGE_ENDPOINT", LocalStack.s3Endpoint());
        return builder;
    }

    /** The ingest command (or another one): no HTTP port, progress every 0.1 s, two items at a time. */
    public ProcessBuilder ingestCommand(List<String> args) {
        ProcessBuilder builder = command(List.of(), args);
        builder.environment().put("PATCHSERVE_INGEST_PROGRESS_INTERVAL", "0.1S");
        builder.environment().put("PATCHSERVE_INGEST_PARALLELISM", "2");
        builder.environment().put("QUARKUS_HTTP_HOST_ENABLED", "false"); // a command opens no port
        return builder;
    }

    /** Starts a process with no input, to be destroyed on close. */
    public Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        process.getOutputStream().close();
        processes.add(process);
        return process;
    }

    /** A started service: its base URL and its process. */
    public record Service(String base, Process process) {
    }

    /** Starts the service on a free port with {@code env} added, logging to {@code log}; returns once it is ready. */
    public Service serve(List<String> jvmOptions, Map<String, String> env, Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = command(jvmOptions, List.of());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = start(builder.redirectOutput(log.toFile()));
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(base + "/q/health/ready") == 200);
        return new Service(base, process);
    }

    /** The last "N done (" an ingest command logged, 0 before the first. */
    public static int done(Path log) throws IOException {
        int done = 0;
        if (Files.exists(log)) {
            Matcher m = DONE.matcher(Files.readString(log));
            while (m.find()) {
                done = Integer.parseInt(m.group(1));
            }
        }
        return done;
    }

    public HttpClient http() {
        return http;
    }

    public int status(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A GET that must answer 200, as JSON. */
    public JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        processes.clear();
    }
}
