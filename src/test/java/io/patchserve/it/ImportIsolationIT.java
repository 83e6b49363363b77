package io.patchserve.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.PackagedApp;
import io.patchserve.testing.PythonTools;
import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP imports on the packaged service run as processes of their own: an import whose release needs more memory
 * than its process has fails with that reason, while the service (itself on a small heap) stays ready and the
 * next import succeeds; a hostile release's bombs and links are skipped with their reasons in the status.
 */
class ImportIsolationIT {

    private static final String KEY = "isolation-writer";

    @TempDir
    Path temp;

    private final PackagedApp app = new PackagedApp();
    private final HttpClient http = app.http();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void anImportThatRunsOutOfMemoryFailsAloneAndTheServiceStaysUp() throws Exception {
        LocalStack.run("start");
        Path root = Files.createDirectories(temp.resolve("imports"));
        SmcefrFixtures.release(root.resolve("small"), 3, 64);
        // one 6000 x 6000 patch: within ingest's limits, but its decode needs far more than the import's 64 MB heap
        Path large = Files.createDirectories(root.resolve("large"));
        BufferedImage image = new BufferedImage(6000, 6000, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6000; y += 7) {
            image.setRGB(y % 6000, y, 0xFFFFFF);
        }
        ImageIO.write(image, "png", large.resolve(SmcefrFixtures.productName(50) + ".png").toFile());
        PythonTools.run("make_hostile_releases.py", root.resolve("hostile").toString(), temp.resolve("outside").toString());

        String base = serve(root);
        String collection = "iso-" + UUID.randomUUID().toString().substring(0, 8);

        JsonNode failed = runImport(base, collection, "large");
        assertThat(failed.path("isolation").asText()).isEqualTo("process");
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("failure").asText()).contains("exited with code").contains("out of memory");
        assertThat(status(base + "/q/health/ready")).isEqualTo(200);

        JsonNode small = runImport(base, collection, "small");
        assertThat(small.path("state").asText()).as(small.toString()).isEqualTo("succeeded");
        assertThat(small.path("created").asInt()).isEqualTo(3);
        assertThat(get(base + "/collections/" + collection + "/items").path("features")).hasSize(3);

        // a release of its own, so its own collection: a run mirrors its source, and the hostile release does not
        // hold the small one's patches
        JsonNode hostile = runImport(base, collection + "-hostile", "hostile/smcefr");
        assertThat(hostile.path("state").asText()).as(hostile.toString()).isEqualTo("succeeded");
        List<String> reasons = new ArrayList<>();
        hostile.path("skips").forEach(s -> reasons.add(s.path("reason").asText()));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("100000 x 100000"))
                .filteredOn(r -> r.contains("links are not followed")).hasSize(2);
        assertThat(status(base + "/q/health/ready")).isEqualTo(200);
    }

    private JsonNode runImport(String base, String collection, String source) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/collections/" + collection + "/imports"))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"format\": \"smcefr\", \"source\": \"" + source + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String status = base + "/imports/" + json.readTree(started.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> !authorizedGet(status).path("state").asText().equals("running"));
        return authorizedGet(status);
    }

    /**
     * The service with its collector named twice, as the container image and a launcher do (JAVA_TOOL_OPTIONS and
     * the command line): an import process, which picks its own, must get neither, or its JVM would not start.
     */
    private String serve(Path importRoot) throws Exception {
        return app.serve(List.of("-Xmx256m", "-XX:+UseG1GC"), Map.of("PATCHSERVE_AUTH_WRITE_KEYS", KEY,
                "PATCHSERVE_INGEST_IMPORT_ROOT", importRoot.toString(), "PATCHSERVE_INGEST_IMPORT_HEAP", "64m",
                "JAVA_TOOL_OPTIONS", "-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"), temp.resolve("app.log")).base();
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode get(String url) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode authorizedGet(String url) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
