package io.patchserve.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.storage.ObjectStore;
import io.patchserve.storage.OrphanSweeper;
import io.patchserve.testing.PythonTools;
import io.patchserve.testing.StacSchemas;
import io.patchserve.testing.WriteKeyProfile;
import io.patchserve.error.ApiException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Releases on the real stack: v1 released, the source changed and v2 released; every v1 URL then answers exactly
 * as before while the collection shows v2, the changelog lists the differences, the sweep leaves every object a
 * release names, and a release refuses every write.
 */
@QuarkusTest
@TestProfile(WriteKeyProfile.class)
class ReleaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = WriteKeyProfile.KEY;

    @Inject
    IngestService ingest;

    @Inject
    ReleaseCommand command;

    @Inject
    OrphanSweeper sweeper;

    @Inject
    ObjectStore store;

    @TempDir
    Path temp;

    @Test
    void v1AnswersAsBeforeWhileTheCollectionMovesOnToV2() throws Exception {
        String collection = "rel-" + UUID.randomUUID().toString().substring(0, 8);
        Path source = temp.resolve("release");
        PythonTools.run("make_bigearthnet.py", source.toString(), "7");
        List<String> patches = patches(source);
        String added = patches.get(0);
        String relabelled = patches.get(1);
        String repainted = patches.get(2);
        String withdrawn = patches.get(3);
        Path aside = temp.resolve("aside");
        Files.createDirectories(aside);
        Files.move(source.resolve(added), aside.resolve(added));
        assertThat(run(collection, source).created()).isEqualTo(6);

        // v1, from the command line
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = command.run(List.of("--collection", collection, "--version", "v1.0", "--notes", "As first published"),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(code).as(printed.toString(StandardCharsets.UTF_8)).isEqualTo(ReleaseCommand.DONE);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("released " + collection + " v1.0: 6 items")
                .contains("/collections/" + collection + "/releases/v1.0");
        String v1 = "/collections/" + collection + "/releases/v1.0";
        Map<String, String> before = fetchAll(v1);
        assertThat(before.keySet()).filteredOn(url -> url.contains("/assets/")).hasSizeGreaterThanOrEqualTo(6 * 2);
        assertThat(before.keySet()).filteredOn(url -> url.contains("/crop.")).hasSizeGreaterThanOrEqualTo(6);
        List<String> v1Keys = objectKeys(collection);

        // the source changes: one patch relabelled, one repainted, one removed, one new; and the title
        PythonTools.run("edit_bigearthnet.py", source.toString(), "relabel", relabelled, "Sea and ocean");
        PythonTools.run("edit_bigearthnet.py", source.toString(), "repaint", repainted, "11");
        deleteTree(source.resolve(withdrawn));
        Files.move(aside.resolve(added), source.resolve(added));
        IngestReport rerun = run(collection, source);
        assertThat(rerun.created()).isEqualTo(1);
        assertThat(rerun.updated()).isEqualTo(2);
        assertThat(rerun.withdrawn()).isEqualTo(1);
        given().header("X-API-Key", KEY).contentType("text/markdown").body("---\ntitle: Corrected release\n---\n")
                .put("/collections/{c}/card", collection).then().statusCode(200);

        // v2, over HTTP
        Response made = given().header("X-API-Key", KEY).contentType("application/json")
                .body("{\"version\": \"v2.0\", \"notes\": \"Relabelled and repainted\"}").post("/collections/{c}/releases", collection);
        assertThat(made.statusCode()).as(made.asString()).isEqualTo(201);
        assertThat(made.header("Location")).endsWith("/collections/" + collection + "/releases/v2.0");

        // every v1 URL answers exactly as before
        Map<String, String> after = fetchAll(v1);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((url, digest) -> assertThat(after.get(url)).as(url).isEqualTo(digest));

        // while the collection shows v2's state
        assertThat(ids("/collections/" + collection)).isEqualTo(new TreeSet<>(patches(source)));
        assertThat(ids(v1)).contains(withdrawn).doesNotContain(added);
        JsonNode live = json("/collections/" + collection);
        assertThat(live.path("title").asText()).isEqualTo("Corrected release");
        assertThat(link(live, "latest-version")).endsWith("/collections/" + collection + "/releases/v2.0");
        assertThat(live.path("patchserve:releases").findValuesAsText("version")).containsExactly("v1.0", "v2.0");
        StacSchemas.assertValidCollection(live.toString());
        JsonNode first = json(v1);
        assertThat(first.path("id").asText()).isEqualTo(collection + "@v1.0");
        assertThat(first.path("version").asText()).isEqualTo("v1.0");
        assertThat(first.path("deprecated").asBoolean()).isTrue();
        assertThat(first.path("title").asText()).isNotEqualTo("Corrected release");
        assertThat(link(first, "successor-version")).endsWith("/releases/v2.0");
        StacSchemas.assertValidCollection(first.toString());
        JsonNode second = json("/collections/" + collection + "/releases/v2.0");
        assertThat(second.path("deprecated").asBoolean()).isFalse();
        assertThat(link(second, "predecessor-version")).endsWith("/releases/v1.0");
        StacSchemas.assertValidCollection(second.toString());
        JsonNode item = json(v1 + "/items/" + relabelled);
        assertThat(item.path("collection").asText()).isEqualTo(collection + "@v1.0");
        assertThat(link(item, "collection")).endsWith(v1);
        StacSchemas.assertValidItem(item.toString());

        // the changelog of v2 against v1
        JsonNode changelog = json("/collections/" + collection + "/releases/v2.0/changelog");
        assertThat(changelog.path("predecessor").asText()).isEqualTo("v1.0");
        assertThat(changelog.path("summary").toString()).isEqualTo(
                "{\"added\":1,\"changed\":2,\"relabelled\":1,\"withdrawn\":1,\"unchanged\":3}");
        assertThat(changelog.path("collection_changes").toString()).contains("\"title\"");
        Map<String, JsonNode> entries = new TreeMap<>();
        changelog.path("items").forEach(e -> entries.put(e.path("id").asText(), e));
        assertThat(entries.keySet()).containsExactlyInAnyOrder(added, relabelled, repainted, withdrawn);
        assertThat(entries.get(added).path("change").asText()).isEqualTo("added");
        assertThat(entries.get(withdrawn).path("change").asText()).isEqualTo("withdrawn");
        assertThat(entries.get(relabelled).path("labels").path("labels").path("after").toString()).isEqualTo("[\"Sea and ocean\"]");
        assertThat(entries.get(relabelled).has("assets")).isFalse();
        assertThat(entries.get(repainted).path("assets").size()).isPositive();
        assertThat(entries.get(repainted).has("labels")).isFalse();
        // the first release's changelog has every item added; the collection has nothing unreleased
        assertThat(json(v1 + "/changelog").path("summary").path("added").asLong()).isEqualTo(6);
        assertThat(json("/collections/" + collection + "/changelog").path("summary").toString())
                .isEqualTo("{\"added\":0,\"changed\":0,\"relabelled\":0,\"withdrawn\":0,\"unchanged\":6}");

        // the sweep deletes an orphan but no object a release names, though the collection no longer does
        Path ghost = Files.writeString(temp.resolve("ghost"), "no row names me");
        store.put(collection + "/ghost/file.bin", ghost, "application/octet-stream",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ghost))));
        OrphanSweeper.Result swept = sweeper.sweep(collection + "/", Duration.ZERO, false);
        assertThat(swept.deleted()).isEqualTo(1);
        assertThat(objectKeys(collection)).containsAll(v1Keys);
        // an item deleted from the collection keeps the objects v1 and v2 name
        given().header("X-API-Key", KEY).delete("/collections/{c}/items/{i}", collection, relabelled).then().statusCode(204);
        assertThat(objectKeys(collection)).containsAll(v1Keys);
        Map<String, String> afterDelete = fetchAll(v1);
        before.forEach((url, digest) -> assertThat(afterDelete.get(url)).as(url).isEqualTo(digest));

        // a bundle of a release names it
        Response bundle = given().get(v1 + "/bundle.tar");
        assertThat(bundle.header("Content-Disposition")).contains("filename*=UTF-8''" + collection + "%40v1.0-bundle");
        assertThat(tarEntry(bundle.asByteArray(), "manifest.json")).contains("\"collection\":\"" + collection + "@v1.0\"");
        // a STAC client searches a release by its id; a search of everything is of collections, not releases
        assertThat(json("/search?collections=" + collection + "@v1.0&limit=100").path("features").size()).isEqualTo(6);
        json("/search?limit=1000").path("features").forEach(f -> assertThat(f.path("collection").asText()).doesNotContain("@"));
        assertThat(json("/collections").path("collections").toString()).doesNotContain(collection + "@");
    }

    @Test
    void aReleaseRefusesWritesAndBadRequestsAreClear() throws Exception {
        String collection = "rel-bad-" + UUID.randomUUID().toString().substring(0, 8);
        Path source = temp.resolve("release");
        PythonTools.run("make_bigearthnet.py", source.toString(), "3");
        run(collection, source);
        String releases = "/collections/" + collection + "/releases";
        post(releases, "{\"version\": \"v1\"}").then().statusCode(201);

        assertError(post(releases, "{\"version\": \"v1\"}"), 409, "has a release v1");
        assertError(post(releases, "{\"version\": \"v 1\"}"), 400, "must be 1-64 letters");
        assertError(post(releases, "{\"version\": \"v2\", \"tag\": \"x\"}"), 400, "unknown field 'tag'");
        assertError(post(releases, "{}"), 400, "needs a version");
        assertError(post(releases, "{\"version\": \"v2\", \"doi\": \"not-a-doi\"}"), 400, "is not a DOI");
        assertError(post("/collections/nothing-here/releases", "{\"version\": \"v1\"}"), 404, "nothing-here");
        given().contentType("application/json").body("{\"version\": \"v2\"}").post(releases).then().statusCode(401);

        // nothing in a release can be changed or deleted, nor the collection it belongs to
        String v1 = releases + "/v1";
        String item = patches(source).get(0);
        assertError(given().header("X-API-Key", KEY).delete(v1), 409, "never changes");
        assertError(given().header("X-API-Key", KEY).delete(v1 + "/items/" + item), 409, "never changes");
        assertError(given().header("X-API-Key", KEY).contentType("text/markdown").body("---\ntitle: x\n---\n")
                .put(v1 + "/card"), 409, "never changes");
        assertError(given().header("X-API-Key", KEY).delete("/collections/" + collection), 409, "has releases [v1]");
        assertThatThrownBy(() -> run(collection + "@v1", source)).isInstanceOf(ApiException.class).hasMessageContaining("names a release");
        assertError(given().get(releases + "/v9"), 404, "has no release 'v9'");
        assertError(given().get(releases + "/v9/items"), 404, "has no release 'v9'");

        // a DOI is attached once
        assertError(patch(v1, "{\"doi\": \"10.5281/zenodo.42\", \"x\": 1}"), 400, "unknown field 'x'");
        patch(v1, "{\"doi\": \"https://doi.org/10.5281/zenodo.42\"}").then().statusCode(200);
        patch(v1, "{\"doi\": \"10.5281/zenodo.42\"}").then().statusCode(200);
        assertError(patch(v1, "{\"doi\": \"10.5281/zenodo.43\"}"), 409, "10.5281/zenodo.42");
        assertThat(json(v1).path("sci:doi").asText()).isEqualTo("10.5281/zenodo.42");
        assertThat(json(releases).path("releases").get(0).path("doi").asText()).isEqualTo("10.5281/zenodo.42");
        assertThat(run(collection, source).succeeded()).isTrue();
    }

    private IngestReport run(String collection, Path source) {
        return ingest.ingest(BigEarthNetFormat.NAME, collection, source);
    }

    /**
     * What a user fetches from a release, by URL, as a SHA-256 each: the collection's items, a filtered search,
     * every item and every asset (stored and derived: crops, thumbnails), the statistics and the bundle.
     */
    private static Map<String, String> fetchAll(String base) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        for (String url : List.of(base + "/items?limit=100", base + "/items?filter=split%3D%27train%27&limit=100",
                base + "/statistics", base + "/bundle.tar", base + "/card")) {
            digests.put(url, digest(url));
        }
        for (JsonNode feature : json(base + "/items?limit=100").path("features")) {
            String itemUrl = base + "/items/" + feature.path("id").asText();
            digests.put(itemUrl, digest(itemUrl));
            for (JsonNode asset : feature.path("assets")) {
                String href = asset.path("href").asText();
                digests.put(href.substring(href.indexOf("/collections/")), digest(href));
            }
        }
        return digests;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * JSON as it came (so a difference shows), anything else as its SHA-256; fetched as the URL is written (a
     * client that reorders the query would change the self links).
     */
    private static String digest(String url) throws Exception {
        URI uri = URI.create(url.startsWith("http") ? url : "http://localhost:" + RestAssured.port + url);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.headers().firstValue("Content-Type").orElse("").contains("json") ? new String(r.body(), StandardCharsets.UTF_8)
                : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
    }

    private static TreeSet<String> ids(String collectionUrl) throws Exception {
        TreeSet<String> ids = new TreeSet<>();
        json(collectionUrl + "/items?limit=100").path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    private static JsonNode json(String url) throws Exception {
        Response r = given().get(url);
        assertThat(r.statusCode()).as(url + ": " + r.asString()).isEqualTo(200);
        return JSON.readTree(r.asString());
    }

    private static String link(JsonNode doc, String rel) {
        for (JsonNode l : doc.path("links")) {
            if (l.path("rel").asText().equals(rel)) {
                return l.path("href").asText();
            }
        }
        return "(no " + rel + " link in " + doc.path("links") + ")";
    }

    private static Response post(String url, String body) {
        return given().header("X-API-Key", KEY).contentType("application/json").body(body).post(url);
    }

    private static Response patch(String url, String body) {
        return given().header("X-API-Key", KEY).contentType("application/json").body(body).patch(url);
    }

    private static void assertError(Response r, int status, String says) throws IOException {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).contains("json");
        assertThat(JSON.readTree(r.asString()).path("description").asText()).contains(says);
    }

    private static String tarEntry(byte[] tar, String name) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return "(no " + name + ")";
    }

    private static List<String> objectKeys(String collection) {
        return io.patchserve.ingest.SmcefrIngestTestAccess.objectKeys(collection);
    }

    private static List<String> patches(Path release) throws IOException {
        try (Stream<Path> files = Files.list(release)) {
            return files.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
