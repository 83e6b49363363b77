package io.patchserve.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be checked of the image and the compose file without a Docker engine. */
@Tag("unit")
class ContainerFilesTest {

    private static final Path DOCKERFILE = Path.of("deploy/container/Dockerfile");

    private static List<String> instructions() throws Exception {
        // join continuation lines, drop comments
        String text = Files.readString(DOCKERFILE).replaceAll("\\\\\\n", " ");
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void theImageIsPinnedNonRootAndStartsTheApplication() throws Exception {
        List<String> lines = instructions();
        String from = lines.stream().filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow();
        assertThat(from).matches("FROM [\\w./-]+:\\d[\\w.-]*").doesNotContain(":latest");
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).matches("USER [1-9]\\d{3,}(:[1-9]\\d{3,})?");
        assertThat(lines).contains("EXPOSE 8080");
        assertThat(lines).anyMatch(l -> l.equals("ENTRYPOINT [\"java\", \"-jar\", \"/opt/patchserve/quarkus-run.jar\"]"));
        assertThat(lines).contains("CMD [\"serve\"]");
        assertThat(String.join("\n", lines)).contains("-XX:MaxRAMPercentage=").contains("-Djava.io.tmpdir=/tmp");
        // the copies are the Quarkus fast-jar layout this build produces (quarkus.package.jar.type default)
        assertThat(lines.stream().filter(l -> l.startsWith("COPY ")).map(l -> l.split("\\s+")[2]).toList())
                .containsExactly("target/quarkus-app/lib/", "target/quarkus-app/quarkus/", "target/quarkus-app/app/",
                        "target/quarkus-app/quarkus-run.jar");
        // the USER comes after every COPY and RUN, so nothing runs as root at run time
        int lastUser = lines.indexOf(user);
        assertThat(lines.subList(lastUser, lines.size())).noneMatch(l -> l.startsWith("RUN ") || l.startsWith("USER 0"));
    }

    @Test
    void composeRunsPinnedImagesAndADemoIngest() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/compose.yaml").toFile());
        JsonNode services = compose.path("services");
        assertThat(services.has("postgis") && services.has("s3") && services.has("patchserve") && services.has("demo-ingest")).isTrue();
        services.forEach(service -> {
            String image = service.path("image").asText();
            assertThat(image).matches("[\\w./-]+:[\\w.-]+").doesNotEndWith(":latest");
        });
        assertThat(services.path("s3").path("image").asText()).startsWith("chrislusf/seaweedfs:");
        assertThat(services.path("patchserve").path("read_only").asBoolean()).isTrue();
        assertThat(services.path("patchserve").path("build").path("dockerfile").asText()).isEqualTo("deploy/container/Dockerfile");
        JsonNode ingest = services.path("demo-ingest");
        assertThat(ingest.path("depends_on").path("postgis").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(ingest.path("depends_on").path("s3").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(ingest.path("command").get(0).asText()).contains("ingest --format smcefr");
        assertThat(ingest.path("environment").path("QUARKUS_HTTP_HOST_ENABLED").asText()).isEqualTo("false");
    }
}
