package io.patchserve.auth;

import io.patchserve.testing.SmcefrFixtures;
import io.patchserve.testing.StacSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Publisher writes (transactions, imports) need a write key; reads stay public. */
@QuarkusTest
@TestProfile(WritesTest.WithKeys.class)
class WritesTest {

    static final String WRITER = "writer-key-for-tests";
    static final String READER = "reader-key-for-tests";
    static final Path IMPORT_ROOT = Path.of(System.getProperty("java.io.tmpdir"), "patchserve-import-root");

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("patchserve.auth.write-keys", WRITER, "patchserve.auth.read-keys", READER,
                    "patchserve.ingest.import-root", IMPORT_ROOT.toString());
        }
    }

    private static String collectionJson(String id, String title) {
        return "{\"type\":\"Collection\",\"stac_version\":\"1.0.0\",\"id\":\"" + id + "\",\"title\":\"" + title + "\","
                + "\"description\":\"published over HTTP\",\"license\":\"CC-BY-4.0\",\"keywords\":[\"test\"],"
                + "\"sci:citation\":\"Someone et al. (2026)\",\"links\":[]}";
    }

    @Test
    void writesWithoutAWriteCredentialAreRefused() {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(collectionJson(id, "t")).post("/collections").then().statusCode(401)
                .contentType("application/json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("Unauthorized"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(collectionJson(id, "t"))
                .post("/collections").then().statusCode(401).body("description", equalTo("the credential is not valid here"));
        given().header("X-API-Key", READER).contentType(ContentType.JSON).body(collectionJson(id, "t"))
                .post("/collections").then().statusCode(403).body("code", equalTo("Forbidden"));
        given().get("/collections/{c}", id).then().statusCode(404);
        given().delete("/collections/anything").then().statusCode(401);
        given().get("/imports/anything").then().statusCode(401);
    }

    @Test
    void aPublisherCreatesUpdatesAndDeletesACollection() {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        String created = given().header("Authorization", "Bearer " + WRITER).contentType(ContentType.JSON)
                .body(collectionJson(id, "First")).post("/collections").then().statusCode(201)
                .header("Location", endsWith("/collections/" + id))
                .body("title", equalTo("First"))
                .body("'sci:citation'", equalTo("Someone et al. (2026)"))
                .extract().asString();
        StacSchemas.assertValidCollection(created);
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON).body(collectionJson(id, "again"))
                .post("/collections").then().statusCode(409);
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON).body(collectionJson(id, "Second"))
                .put("/collections/{c}", id).then().statusCode(200).body("title", equalTo("Second"));
        given().get("/collections/{c}", id).then().statusCode(200).body("title", equalTo("Second"));
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON).body(collectionJson("other", "x"))
                .put("/collections/{c}", id).then().statusCode(400).body("description", containsString("differs from the path"));
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON).body("{\"id\":\"" + id + "-b\"}")
                .post("/collections").then().statusCode(400).body("description", equalTo("a collection needs 'description'"));
        given().header("X-API-Key", WRITER).delete("/collections/{c}", id).then().statusCode(204);
        given().get("/collections/{c}", id).then().statusCode(404);
        given().header("X-API-Key", WRITER).delete("/collections/{c}", id).then().statusCode(404);
    }

    @Test
    void anImportRunsInTheBackgroundAndDeletesRemoveRowsAndObjects() throws Exception {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = Files.createDirectories(IMPORT_ROOT.resolve(id));
        SmcefrFixtures.release(release, 3, 16);

        String location = given().header("X-API-Key", WRITER).contentType(ContentType.JSON)
                .body("{\"format\":\"smcefr\",\"source\":\"" + id + "\",\"license\":\"CC0-1.0\"}")
                .post("/collections/{c}/imports", id).then().statusCode(202)
                .body("state", equalTo("running")).extract().header("Location");
        String path = location.replaceFirst("^http://[^/]+", "");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !given().header("X-API-Key", WRITER).get(path).then().statusCode(200).extract().path("state").equals("running"));
        given().header("X-API-Key", WRITER).get(path).then().statusCode(200)
                .body("state", equalTo("succeeded"))
                .body("created", equalTo(3))
                .body("skipped", equalTo(4));
        // a finished import is not run again
        given().header("X-API-Key", WRITER).post(path + "/resume").then().statusCode(409)
                .body("description", containsString("succeeded"));
        given().get("/collections/{c}", id).then().statusCode(200).body("license", equalTo("CC0-1.0"));

        String item = SmcefrFixtures.productName(0);
        given().header("X-API-Key", WRITER).delete("/collections/{c}/items/{i}", id, item).then().statusCode(204);
        given().get("/collections/{c}/items/{i}", id, item).then().statusCode(404);
        assertThat(io.patchserve.ingest.SmcefrIngestTestAccess.objectKeys(id)).hasSize(4); // 2 items: image + thumbnail

        given().header("X-API-Key", WRITER).delete("/collections/{c}", id).then().statusCode(204);
        assertThat(io.patchserve.ingest.SmcefrIngestTestAccess.objectKeys(id)).isEmpty();
    }

    @Test
    void importsStayInsideTheImportRoot() throws Exception {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        // a link inside the root that leads out of it
        Path link = IMPORT_ROOT.resolve("link-" + id);
        Files.createDirectories(IMPORT_ROOT);
        Files.createSymbolicLink(link, Path.of("/etc"));
        for (String source : new String[]{"../etc", "/etc", "no-such-release", "link-" + id, "a\u0000b"}) {
            given().header("X-API-Key", WRITER).contentType(ContentType.JSON)
                    .body("{\"format\":\"smcefr\",\"source\":\"" + source + "\"}")
                    .post("/collections/{c}/imports", id).then().statusCode(400);
        }
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON).body("{\"format\":\"gif\",\"source\":\"x\"}")
                .post("/collections/{c}/imports", id).then().statusCode(400).body("description", containsString("unknown dataset format"));
        given().header("X-API-Key", WRITER).get("/imports/nope").then().statusCode(404);
        given().header("X-API-Key", WRITER).post("/imports/nope/resume").then().statusCode(404);
        given().post("/imports/nope/resume").then().statusCode(401);
        // an import takes only the fields it knows (a card is PUT to the collection)
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON)
                .body("{\"format\":\"smcefr\",\"source\":\"x\",\"card\":\"---\"}")
                .post("/collections/{c}/imports", id).then().statusCode(400)
                .body("description", containsString("unknown import field 'card'"));
    }

    @Test
    void readsStayPublic() {
        given().get("/collections").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"limit\":1}").post("/search").then().statusCode(200);
    }
}
