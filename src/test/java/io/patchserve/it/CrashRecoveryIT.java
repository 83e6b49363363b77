package io.patchserve.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged ingest command killed with SIGKILL at random points of a run, three times, then run to the end:
 * the collection's count, numberMatched, extent and band statistics then equal what its items say, recomputed
 * here from the items the API lists.
 */
class CrashRecoveryIT {

    private static final int ITEMS = 240;
    private static final int SIDE = 64;
    private static final Pattern DONE = Pattern.compile(": (\\d+) done \\(");

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private ProcessBuilder java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + LocalStack.PG_PORT + "/patchserve");
        builder.environment().put("PATCHSERVE_STORAGE_ENDPOINT", LocalStack.s3Endpoint());
        builder.environment().put("PATCHSERVE_INGEST_PROGRESS_INTERVAL", "0.1S");
        builder.environment().put("PATCHSERVE_INGEST_PARALLELISM", "2");
        builder.environment().put("QUARKUS_HTTP_HOST_ENABLED", "false"); // a command opens no port
        return builder;
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aggregatesAreExactAfterKillsAndARerun() throws Exception {
        LocalStack.run("start");
        String collection = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("release");
        SmcefrFixtures.release(release, ITEMS, SIDE);
        List<String> ingest = List.of("ingest", "--format", "smcefr", "--collection", collection, release.toString());
        Random random = new Random();
        for (int kill = 0; kill < 3; kill++) {
            Path log = temp.resolve("ingest-" + kill + ".log");
            Process run = start(java(ingest).redirectOutput(log.toFile()));
            int at = 10 + random.nextInt(ITEMS / 2);
            await().atMost(Duration.ofSeconds(120)).until(() -> !run.isAlive() || done(log) >= at);
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no closing summary
            run.waitFor(30, TimeUnit.SECONDS);
        }
        Process last = start(java(ingest).redirectOutput(temp.resolve("ingest-last.log").toFile()));
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(Files.readString(temp.resolve("ingest-last.log"))).isZero();

        String base = serve();
        List<JsonNode> items = new ArrayList<>();
        String next = base + "/collections/" + collection + "/items?limit=100";
        JsonNode firstPage = null;
        while (next != null) {
            JsonNode page = get(next);
            firstPage = firstPage == null ? page : firstPage;
            page.path("features").forEach(items::add);
            next = null;
            for (JsonNode link : page.path("links")) {
                if (link.path("rel").asText().equals("next")) {
                    next = link.path("href").asText();
                }
            }
        }
        assertThat(items).hasSize(ITEMS).extracting(i -> i.path("id").asText()).doesNotHaveDuplicates();
        assertThat(firstPage.path("numberMatched").asLong()).isEqualTo(items.size());

        JsonNode c = get(base + "/collections/" + collection);
        Instant first = items.stream().map(i -> Instant.parse(i.path("properties").path("start_datetime").asText()))
                .min(Instant::compareTo).orElseThrow();
        Instant lastEnd = items.stream().map(i -> Instant.parse(i.path("properties").path("end_datetime").asText()))
                .max(Instant::compareTo).orElseThrow();
        JsonNode interval = c.path("extent").path("temporal").path("interval").get(0);
        assertThat(Instant.parse(interval.get(0).asText())).isEqualTo(first);
        assertThat(Instant.parse(interval.get(1).asText())).isEqualTo(lastEnd);

        JsonNode statistics = get(base + "/collections/" + collection + "/statistics");
        for (String band : List.of("red", "green", "blue")) {
            assertThat(statistics.path("bands").path(band).path("count").asLong()).as(band)
                    .isEqualTo((long) items.size() * SIDE * SIDE);
        }
    }

    private Process start(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        process.getOutputStream().close();
        processes.add(process);
        return process;
    }

    private static int done(Path log) throws Exception {
        int done = 0;
        if (Files.exists(log)) {
            Matcher m = DONE.matcher(Files.readString(log));
            while (m.find()) {
                done = Integer.parseInt(m.group(1));
            }
        }
        return done;
    }

    private String serve() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = java(List.of());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST_ENABLED", "true");
        start(builder.redirectOutput(temp.resolve("app.log").toFile()));
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return base;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return json.readTree(response.body());
    }
}
