package io.patchserve.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.PackagedApp;
import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP imports survive their replica: the service is killed (SIGKILL) in the middle of an import; a new one
 * reports it, from PostGIS, as interrupted with the counts it had reached, and resumes it to the end; the
 * collection then holds the whole release.
 */
class ImportRestartIT {

    private static final String KEY = "restart-writer";
    private static final int PATCHES = 120;

    @TempDir
    Path temp;

    private final PackagedApp app = new PackagedApp();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void anImportOutlivesItsReplicaAndIsResumed() throws Exception {
        LocalStack.run("start");
        Path root = Files.createDirectories(temp.resolve("imports"));
        SmcefrFixtures.release(root.resolve("release"), PATCHES, 384);
        String collection = "restart-" + UUID.randomUUID().toString().substring(0, 8);

        PackagedApp.Service first = serve("first");
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(first.base() + "/collections/" + collection + "/imports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"format\": \"smcefr\", \"source\": \"release\"}")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json.readTree(started.body()).path("id").asText();
        // killed once the heartbeat has recorded some progress, well before the end
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(first.base() + "/imports/" + id).path("created").asInt() >= 5);
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        PackagedApp.Service second = serve("second");
        String status = second.base() + "/imports/" + id;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(status).path("state").asText().equals("interrupted"));
        JsonNode interrupted = get(status);
        assertThat(interrupted.path("collection").asText()).isEqualTo(collection);
        // the counts of its last heartbeat (it may lag the replica's own by a beat)
        assertThat(interrupted.path("created").asInt()).as(interrupted.toString()).isBetween(1, PATCHES - 1);

        HttpResponse<String> resumed = send(HttpRequest.newBuilder(URI.create(status + "/resume")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                .until(() -> !get(status).path("state").asText().equals("running"));
        JsonNode done = get(status);
        assertThat(done.path("state").asText()).as(done.toString()).isIn("succeeded");
        // what had landed before the kill is found unchanged; the rest is new
        assertThat(done.path("created").asInt() + done.path("updated").asInt() + done.path("unchanged").asInt()).isEqualTo(PATCHES);
        assertThat(done.path("unchanged").asInt()).isPositive();
        assertThat(get(second.base() + "/collections/" + collection + "/items?limit=1").path("numberMatched").asInt()).isEqualTo(PATCHES);

        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(status + "/resume")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("succeeded");
    }

    /** The service with imports run in its own threads (so killing it kills the import), beating every 0.3 s. */
    private PackagedApp.Service serve(String name) throws Exception {
        return app.serve(List.of(), Map.of("PATCHSERVE_AUTH_WRITE_KEYS", KEY,
                "PATCHSERVE_INGEST_IMPORT_ROOT", temp.resolve("imports").toString(),
                "PATCHSERVE_INGEST_IMPORT_ISOLATION", "in-service",
                "PATCHSERVE_INGEST_IMPORT_HEARTBEAT", "0.3S",
                "PATCHSERVE_INGEST_PARALLELISM", "1"), temp.resolve(name + ".log"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return app.http().send(request.header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String url) throws Exception {
        return json.readTree(send(HttpRequest.newBuilder(URI.create(url)).GET()).body());
    }
}
