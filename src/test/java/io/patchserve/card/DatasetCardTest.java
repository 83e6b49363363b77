package io.patchserve.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.testing.PythonTools;
import io.patchserve.testing.WriteKeyProfile;
import io.patchserve.testing.StacSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A dataset card shapes its collection: shipped in a release (README.md with front matter) it replaces the
 * format's defaults (BigEarthNet's own citation and producer); PUT through the API it changes only what it
 * states, a class list included (the counts follow); GET gives it back to edit; what a rerun states takes effect
 * and what it leaves out stays; a bad card is a 400 with the reason that changes nothing; the page shows it.
 */
@QuarkusTest
@TestProfile(WriteKeyProfile.class)
class DatasetCardTest {

    static final String KEY = WriteKeyProfile.KEY;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    private static final String CARD = """
            ---
            title: Alpine patches (card)
            license: CC-BY-SA-4.0
            doi: https://doi.org/10.5281/zenodo.4242
            keywords: [land cover, Alps]
            providers:
              - {name: Example Lab, roles: [producer, licensor], url: "https://example.org/lab"}
              - {name: Patchserve, roles: [host]}
            citation: |
              @article{lab2026alps,
                title = {Alpine {Patches} for \\emph{Land Cover}},
                author = {Muster, Erika and Beispiel, Max},
                journal = {Remote Sensing Letters},
                year = {2026},
                doi = {10.5281/zenodo.4242}
              }
            splits: {train: Tiles west of 10 E, test: Tiles east of 10 E}
            bands: {B01: Coastal aerosol; 60 m}
            ---
            # Alpine patches

            Patches of **the Alps**, relabelled by hand. <script>alert(1)</script>
            """;

    @Test
    void aCardShapesTheCollectionThroughIngestTheApiAndReruns() throws Exception {
        String collection = "card-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("release");
        PythonTools.run("make_bigearthnet.py", release.toString(), "6");
        Files.writeString(release.resolve("README.md"), CARD);

        IngestReport report = ingest.ingest(BigEarthNetFormat.NAME, collection, release);
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(6);
        assertThat(report.skipped()).as("the card is the release's description, not a patch").isZero();

        String described = given().get("/collections/{c}", collection).then().statusCode(200).extract().asString();
        StacSchemas.assertValidCollection(described);
        JsonNode c = JSON.readTree(described);
        assertThat(c.path("title").asText()).isEqualTo("Alpine patches (card)");
        assertThat(c.path("license").asText()).isEqualTo("CC-BY-SA-4.0");
        assertThat(c.path("description").asText()).startsWith("# Alpine patches").contains("**the Alps**");
        assertThat(c.path("keywords").toString()).isEqualTo("[\"land cover\",\"Alps\"]");
        assertThat(c.path("sci:doi").asText()).isEqualTo("10.5281/zenodo.4242");
        assertThat(c.path("sci:citation").asText())
                .isEqualTo("Muster, Erika and Beispiel, Max (2026). Alpine Patches for Land Cover. Remote Sensing Letters.");
        assertThat(c.path("stac_extensions").toString()).contains("scientific");
        // the format's defaults (BigEarthNet's citation, TU Berlin as producer) gave way to the card's
        List<String> providers = new ArrayList<>();
        c.path("providers").forEach(p -> providers.add(p.path("name").asText()));
        assertThat(providers).containsExactly("Example Lab", "Patchserve");
        assertThat(described).doesNotContain("TU Berlin");

        // the card as the publisher edits it: it reads back to the same collection
        String card = given().get("/collections/{c}/card", collection).then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        assertThat(card).startsWith("---\n").contains("title: Alpine patches (card)").contains("@article{lab2026alps");
        JsonNode putBack = JSON.readTree(putCard(collection, card).then().statusCode(200).extract().asString());
        assertThat(putBack.path("title")).isEqualTo(c.path("title"));
        assertThat(putBack.path("providers")).isEqualTo(c.path("providers"));
        assertThat(putBack.path("sci:citation")).isEqualTo(c.path("sci:citation"));
        assertThat(putBack.path("description")).isEqualTo(c.path("description"));

        // a card naming a nomenclature's classes sets their order (multi-hot order) and definitions; counts follow
        List<String> classes19 = new ArrayList<>();
        c.path("patchserve:classes").path("labels_19").forEach(n -> classes19.add(n.asText()));
        List<String> reversed = new ArrayList<>(classes19.reversed());
        StringBuilder classCard = new StringBuilder("---\nclasses:\n  labels_19:\n");
        classCard.append("    - {name: \"").append(reversed.getFirst()).append("\", description: Sea and ocean, color: \"#1E90FF\"}\n");
        reversed.subList(1, reversed.size()).forEach(n -> classCard.append("    - \"").append(n).append("\"\n"));
        classCard.append("---\n");
        JsonNode relisted = JSON.readTree(putCard(collection, classCard.toString()).then().statusCode(200).extract().asString());
        List<String> listed = new ArrayList<>();
        relisted.path("patchserve:classes").path("labels_19").forEach(n -> listed.add(n.asText()));
        assertThat(listed).isEqualTo(reversed);
        assertThat(relisted.path("title").asText()).as("a card that does not state the title keeps it").isEqualTo("Alpine patches (card)");
        List<String> counted = new ArrayList<>();
        JsonNode counts = JSON.readTree(given().get("/collections/{c}", collection).then().extract().asString())
                .path("patchserve:counts").path("classes").path("labels_19");
        counts.fieldNames().forEachRemaining(counted::add);
        assertThat(counted).isEqualTo(reversed);

        // the page shows the card: Markdown rendered (raw HTML as text), the class colour, notes, the publisher's BibTeX
        String page = given().accept("text/html").get("/collections/{c}", collection).then().statusCode(200).extract().asString();
        assertThat(page).contains("<strong>the Alps</strong>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>")
                .contains("background: #1e90ff").contains("Tiles west of 10 E").contains("Coastal aerosol; 60 m")
                .contains("@article{lab2026alps");

        // a rerun states its title: it takes effect; what it does not state stays as the API set it
        PythonTools.run("edit_bigearthnet.py", release.toString(), "relabel", Files.readAllLines(release.resolve("train.csv")).getFirst(), "Pastures");
        Files.delete(release.resolve("README.md"));
        ingest.ingest(BigEarthNetFormat.NAME, collection, release, new IngestService.CollectionOverrides("Alpine patches v2", null, null),
                io.patchserve.ingest.Shard.ALL);
        JsonNode rerun = JSON.readTree(given().get("/collections/{c}", collection).then().extract().asString());
        assertThat(rerun.path("title").asText()).isEqualTo("Alpine patches v2");
        assertThat(rerun.path("license").asText()).isEqualTo("CC-BY-SA-4.0");
        assertThat(rerun.path("patchserve:classes").path("labels_19").get(0).asText()).isEqualTo(reversed.getFirst());
    }

    @Test
    void aBadCardIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        String collection = "card-bad-" + UUID.randomUUID().toString().substring(0, 8);
        putCard(collection, "---\ntitle: t\n---\n").then().statusCode(404);
        ingest.ingest(BigEarthNetFormat.NAME, collection, makeRelease());
        String before = given().get("/collections/{c}", collection).then().extract().asString();

        Map<String, String> bad = Map.of(
                "---\nlicense: CC-BY-4\n---\n", "'CC-BY-4' is not an SPDX license id; did you mean CC-BY-4.0?",
                "---\nlicense: MIT OR\n---\n", "not a complete SPDX expression",
                "---\ncitation: \"@article{x, title = {Unclosed}\"\n---\n", "citation is not valid BibTeX",
                "---\ncitation: \"just text\"\n---\n", "citation holds no BibTeX entry",
                "---\ntitel: typo\n---\n", "unknown key 'titel'",
                "---\ndoi: 11.1/x\n---\n", "is not a DOI",
                "---\nclasses: {labels: [{name: A, color: red}]}\n---\n", "color 'red' is not #rrggbb",
                "---\nproviders: [{name: X, roles: [owner]}]\n---\n", "role 'owner' is not one of",
                "---\ntitle: [not, text]\n---\n", "title must be text",
                "---\ntitle: unclosed\n", "has no closing '---' line");
        for (var e : bad.entrySet()) {
            putCard(collection, e.getKey()).then().statusCode(400).body("code", org.hamcrest.Matchers.notNullValue())
                    .body("description", containsString(e.getValue()));
        }
        // unauthenticated: 401, and nothing changed by any of it
        given().contentType("text/markdown").body("---\ntitle: sneaky\n---\n").put("/collections/{c}/card", collection)
                .then().statusCode(401);
        assertThat(given().get("/collections/{c}", collection).then().extract().asString()).isEqualTo(before);
        // and a bad card shipped in a release stops its ingest with the reason, before anything is written
        Path release = makeRelease();
        Files.writeString(release.resolve("README.md"), "---\nlicense: CC-BY-4\n---\n");
        IngestReport report = ingest.ingest(BigEarthNetFormat.NAME, "card-refused-" + UUID.randomUUID().toString().substring(0, 8), release);
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).contains("README.md").contains("did you mean CC-BY-4.0?");
        assertThat(report.created()).isZero();
    }

    private Path makeRelease() throws Exception {
        Path release = temp.resolve("release-" + UUID.randomUUID());
        PythonTools.run("make_bigearthnet.py", release.toString(), "2");
        return release;
    }

    private static io.restassured.response.Response putCard(String collection, String card) {
        return given().header("Authorization", "Bearer " + KEY).contentType("text/markdown; charset=UTF-8").body(card)
                .put("/collections/{c}/card", collection);
    }
}
