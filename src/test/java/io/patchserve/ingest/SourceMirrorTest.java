package io.patchserve.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rerun mirrors its source: patches gone from the release are withdrawn (rows, objects, counts and statistics
 * with them), a run that finds nothing refuses to withdraw everything unless allowed, and a sharded run withdraws
 * only when its last shard is done.
 */
@QuarkusTest
class SourceMirrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void patchesGoneFromTheSourceAreWithdrawn() throws Exception {
        String collection = "mirror-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("release");
        PythonTools.run("make_bigearthnet.py", release.toString(), "6");
        assertThat(run(collection, release, Shard.ALL, null, false).created()).isEqualTo(6);
        List<String> gone = patches(release).subList(0, 2);
        List<String> goneKeys = SmcefrIngestTest.objectKeys(collection).stream().filter(k -> gone.stream().anyMatch(k::contains)).toList();
        assertThat(goneKeys).isNotEmpty();
        for (String patch : gone) {
            delete(release.resolve(patch));
        }

        IngestReport rerun = run(collection, release, Shard.ALL, null, false);
        assertThat(rerun.succeeded()).as(rerun.failure()).isTrue();
        assertThat(rerun.withdrawn()).isEqualTo(2);
        assertThat(rerun.unchanged()).isEqualTo(4);
        assertThat(rerun.progressLine()).contains("4 done (0 new, 0 updated, 4 unchanged), 2 withdrawn, 0 skipped");
        assertThat(ids(collection)).isEqualTo(new TreeSet<>(patches(release)));
        for (String patch : gone) {
            given().get("/collections/{c}/items/{i}", collection, patch).then().statusCode(404);
        }
        assertThat(SmcefrIngestTest.objectKeys(collection)).doesNotContainAnyElementsOf(goneKeys);
        assertThat(counts(collection).path("items").asLong()).isEqualTo(4);
        assertThat(PythonTools.run("check_statistics.py", "http://localhost:" + RestAssured.port, collection))
                .contains("statistics: ok, 4 items");

        // an empty source (a wrong path, an unmounted volume) would withdraw everything: refused unless allowed
        Path empty = Files.createDirectories(temp.resolve("empty"));
        IngestReport refused = run(collection, empty, Shard.ALL, null, false);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.failure()).contains("found none of the collection's 4 items").contains("--allow-empty");
        assertThat(ids(collection)).hasSize(4);
        IngestReport allowed = run(collection, empty, Shard.ALL, null, true);
        assertThat(allowed.withdrawn()).isEqualTo(4);
        assertThat(ids(collection)).isEmpty();
        assertThat(counts(collection).path("items").asLong()).isZero();
    }

    @Test
    void aShardedRunWithdrawsOnceItsLastShardIsDone() throws Exception {
        String collection = "mirror-shards-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("release");
        PythonTools.run("make_bigearthnet.py", release.toString(), "6");
        run(collection, release, Shard.ALL, null, false);
        List<String> gone = patches(release).subList(0, 2);
        for (String patch : gone) {
            delete(release.resolve(patch));
        }

        // shards without a shared run only add and update, and say so
        IngestReport alone = run(collection, release, new Shard(0, 2), null, false);
        assertThat(alone.withdrawn()).isZero();
        assertThat(alone.notes()).anySatisfy(n -> assertThat(n).contains("--run NAME"));
        assertThat(ids(collection)).hasSize(6);

        IngestReport first = run(collection, release, new Shard(1, 2), "job-7", false);
        assertThat(first.withdrawn()).as("the other shard of job-7 has not finished").isZero();
        assertThat(ids(collection)).hasSize(6);
        IngestReport last = run(collection, release, new Shard(0, 2), "job-7", false);
        assertThat(last.withdrawn()).isEqualTo(2);
        assertThat(first.withdrawn() + last.withdrawn()).isEqualTo(2);
        assertThat(ids(collection)).isEqualTo(new TreeSet<>(patches(release)));
        // the same run's shard again after it closed withdraws nothing more
        assertThat(run(collection, release, new Shard(1, 2), "job-7", false).withdrawn()).isZero();
    }

    private IngestReport run(String collection, Path source, Shard shard, String runName, boolean allowEmpty) {
        return ingest.ingest(BigEarthNetFormat.NAME, collection, source, null, shard,
                SourceMirror.Options.forRun(shard, runName, collection, allowEmpty), ingest.newReport(BigEarthNetFormat.NAME, collection));
    }

    /** The release's patch folders (a folder per patch, named by it), sorted. */
    private static List<String> patches(Path release) throws IOException {
        try (Stream<Path> files = Files.list(release)) {
            return files.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static TreeSet<String> ids(String collection) throws Exception {
        TreeSet<String> ids = new TreeSet<>();
        JSON.readTree(given().get("/collections/{c}/items?limit=100", collection).then().statusCode(200).extract().asString())
                .path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    private static JsonNode counts(String collection) throws Exception {
        return JSON.readTree(given().get("/collections/{c}", collection).then().statusCode(200).extract().asString())
                .path("patchserve:counts");
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
