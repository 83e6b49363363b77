package io.patchserve.it;

import io.patchserve.testing.PackagedApp;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

    @TempDir
    Path temp;

    private final PackagedApp app = new PackagedApp();

    @AfterEach
    void stop() {
        app.close();
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
            Process run = app.start(app.ingestCommand(ingest).redirectOutput(log.toFile()));
            int at = 10 + random.nextInt(ITEMS / 2);
            await().atMost(Duration.ofSeconds(120)).until(() -> !run.isAlive() || PackagedApp.done(log) >= at);
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no closing summary
            run.waitFor(30, TimeUnit.SECONDS);
        }
        Process last = app.start(app.ingestCommand(ingest).redirectOutput(temp.resolve("ingest-last.log").toFile()));
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        // 4: the run went through, skipping the fixture's four bad files (listed in the log)
        assertThat(last.exitValue()).as(Files.readString(temp.resolve("ingest-last.log"))).isEqualTo(4);

        String base = app.serve(List.of(), Map.of(), temp.resolve("app.log")).base();
        List<JsonNode> items = new ArrayList<>();
        String next = base + "/collections/" + collection + "/items?limit=100";
        JsonNode firstPage = null;
        while (next != null) {
            JsonNode page = app.getJson(next);
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

        JsonNode c = app.getJson(base + "/collections/" + collection);
        Instant first = items.stream().map(i -> Instant.parse(i.path("properties").path("start_datetime").asText()))
                .min(Instant::compareTo).orElseThrow();
        Instant lastEnd = items.stream().map(i -> Instant.parse(i.path("properties").path("end_datetime").asText()))
                .max(Instant::compareTo).orElseThrow();
        JsonNode interval = c.path("extent").path("temporal").path("interval").get(0);
        assertThat(Instant.parse(interval.get(0).asText())).isEqualTo(first);
        assertThat(Instant.parse(interval.get(1).asText())).isEqualTo(lastEnd);

        JsonNode statistics = app.getJson(base + "/collections/" + collection + "/statistics");
        for (String band : List.of("red", "green", "blue")) {
            assertThat(statistics.path("bands").path(band).path("count").asLong()).as(band)
                    .isEqualTo((long) items.size() * SIDE * SIDE);
        }
    }
}
