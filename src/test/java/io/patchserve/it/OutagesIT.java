package io.patchserve.it;

import io.patchserve.testing.PackagedApp;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
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
 * S3 and PostGIS stopped and started again under the packaged service and the ingest command
 * (deploy/local/stack.sh stop-s3, start-s3, stop-pg, start-pg): a download cut by an outage never looks complete,
 * requests during it are 503 with Retry-After, the service recovers without a restart, an ingest stopped by an
 * outage reports it, and the rerun leaves the collection exact.
 */
class OutagesIT {

    private static final int ITEMS = 60;

    @TempDir
    Path temp;

    private final PackagedApp app = new PackagedApp();
    private final HttpClient http = app.http();

    /** The ingest command, giving up on an unreachable S3 within seconds. */
    private ProcessBuilder ingest(List<String> args) {
        ProcessBuilder builder = app.ingestCommand(args);
        builder.environment().put("PATCHSERVE_STORAGE_CONNECT_TIMEOUT", "2S");
        return builder;
    }

    @AfterEach
    void stop() {
        app.close();
        LocalStack.run("start"); // whatever a failure left stopped
    }

    @Test
    void outagesAreSurvivedAndLeaveNothingHalfDone() throws Exception {
        LocalStack.run("start");
        String collection = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("release");
        SmcefrFixtures.release(release, ITEMS, 400); // ~480 KB of noise each: a bundle of ~29 MB
        List<String> ingest = List.of("ingest", "--format", "smcefr", "--collection", collection, release.toString());

        // an ingest stopped by S3 going away says so, and stops
        Path log1 = temp.resolve("ingest-s3.log");
        Process first = app.start(ingest(ingest).redirectOutput(log1.toFile()));
        await().atMost(Duration.ofSeconds(120)).until(() -> !first.isAlive() || PackagedApp.done(log1) >= 10);
        LocalStack.run("stop-s3");
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("the ingest ends when S3 is gone").isTrue();
        assertThat(first.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log1)).contains("stopped early").contains("unavailable");
        LocalStack.run("start-s3");

        // and one stopped by PostGIS going away
        Path log2 = temp.resolve("ingest-pg.log");
        Process second = app.start(ingest(ingest).redirectOutput(log2.toFile()));
        await().atMost(Duration.ofSeconds(120)).until(() -> !second.isAlive() || Files.readString(log2).contains("done ("));
        LocalStack.run("stop-pg");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the ingest ends when PostGIS is gone").isTrue();
        assertThat(second.exitValue()).isNotZero();
        LocalStack.run("start-pg");

        Process rerun = app.start(ingest(ingest).redirectOutput(temp.resolve("ingest-rerun.log").toFile()));
        assertThat(rerun.waitFor(180, TimeUnit.SECONDS)).isTrue();
        // 4: the run went through, skipping the fixture's four bad files (listed in the log)
        assertThat(rerun.exitValue()).as(Files.readString(temp.resolve("ingest-rerun.log"))).isEqualTo(4);

        String base = app.serve(List.of(), Map.of("PATCHSERVE_STORAGE_CONNECT_TIMEOUT", "2S"), temp.resolve("app.log")).base();
        JsonNode page = app.getJson(base + "/collections/" + collection + "/items?limit=1000");
        assertThat(page.path("features")).hasSize(ITEMS);
        assertThat(page.path("numberMatched").asInt()).isEqualTo(ITEMS);
        assertThat(app.getJson(base + "/collections/" + collection + "/statistics").path("bands").path("red").path("count").asLong())
                .isEqualTo((long) ITEMS * 400 * 400);

        // a bundle cut by S3 going away mid-stream ends short of its length: it never looks complete
        HttpResponse<InputStream> bundle = http.send(HttpRequest.newBuilder(URI.create(base + "/collections/" + collection
                + "/bundle.tar")).build(), HttpResponse.BodyHandlers.ofInputStream());
        long length = bundle.headers().firstValueAsLong("Content-Length").orElseThrow();
        long read = 0;
        try (InputStream in = bundle.body()) {
            byte[] buffer = new byte[1 << 16];
            read = in.readNBytes(buffer, 0, buffer.length);
            LocalStack.run("stop-s3");
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
            }
        } catch (java.io.IOException cut) {
            // the connection is cut: that is how an incomplete download must end
        }
        assertThat(read).isLessThan(length);
        HttpResponse<String> during = http.send(HttpRequest.newBuilder(URI.create(base + "/collections/" + collection
                + "/items/" + SmcefrFixtures.productName(0) + "/assets/image")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        LocalStack.run("start-s3");
        await().atMost(Duration.ofSeconds(60)).until(() -> app.status(base + "/q/health/ready") == 200);
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(base + "/collections/" + collection
                + "/bundle.tar")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat((long) whole.body().length).isEqualTo(length);

        // PostGIS away: 503 with Retry-After, and back without restarting the service
        LocalStack.run("stop-pg");
        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(base + "/search?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).isEqualTo(503);
        assertThat(search.headers().firstValue("Retry-After")).isPresent();
        LocalStack.run("start-pg");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> app.status(base + "/collections/" + collection + "/items?limit=1") == 200);
    }
}
