package io.patchserve.it;

import io.patchserve.testing.LocalStack;
import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./patchserve} as a newcomer runs it on a machine whose default {@code java} is 17 (this one's): it finds
 * Java 21+, answers --help with no database to reach, and runs ingest with exit codes that tell a clean run, one
 * with skips and a failed one apart.
 */
class LauncherIT {

    @TempDir
    Path temp;

    private record Run(int exit, String output) {
    }

    /** ./patchserve with the machine's default PATH (java 17 first) and no JAVA_HOME. */
    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./patchserve"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void theDefaultJavaIsTooOldForTheJarButNotForTheLauncher() throws Exception {
        Process version = new ProcessBuilder("/usr/bin/java", "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String settings = new String(version.getInputStream().readAllBytes());
        version.waitFor(60, TimeUnit.SECONDS);
        java.util.regex.Matcher major = java.util.regex.Pattern.compile("java.specification.version = (\\d+)").matcher(settings);
        assertThat(major.find()).as(settings).isTrue();
        if (Integer.parseInt(major.group(1)) < 21) { // as on this machine (17): the jar alone fails there
            Process plain = new ProcessBuilder("/usr/bin/java", "-jar", "target/quarkus-app/quarkus-run.jar", "--help")
                    .redirectErrorStream(true).start();
            String plainOutput = new String(plain.getInputStream().readAllBytes());
            plain.waitFor(60, TimeUnit.SECONDS);
            assertThat(plainOutput).contains("UnsupportedClassVersionError");
        }

        // help needs no database: one that cannot be reached is named, and help still answers
        Map<String, String> noDatabase = Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
        Run help = launch(noDatabase, "--help");
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("usage: patchserve").contains("ingest ...");
        Run ingestHelp = launch(noDatabase, "ingest", "--help");
        assertThat(ingestHelp.exit()).as(ingestHelp.output()).isZero();
        assertThat(ingestHelp.output()).contains("usage: ingest --format").contains("bigearthnet-v2").contains("earthnet2021x")
                .contains("stac-items").contains("Exit code");
    }

    @Test
    void ingestExitCodesTellTheOutcomesApart() throws Exception {
        LocalStack.run("start");
        Map<String, String> stack = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + LocalStack.PG_PORT + "/patchserve",
                "PATCHSERVE_STORAGE_ENDPOINT", LocalStack.s3Endpoint());
        Path withSkips = temp.resolve("with-skips");
        List<Path> valid = SmcefrFixtures.release(withSkips, 3, 16);
        Path clean = temp.resolve("clean");
        Files.createDirectories(clean);
        for (Path p : valid) {
            Files.copy(p, clean.resolve(p.getFileName()));
        }
        String collection = "launcher-" + UUID.randomUUID().toString().substring(0, 8);

        Run ok = launch(stack, "ingest", "--format", "smcefr", "--collection", collection, clean.toString());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("3 done (3 new");
        Run skips = launch(stack, "ingest", "--format", "smcefr", "--collection", collection, withSkips.toString());
        assertThat(skips.exit()).as(skips.output()).isEqualTo(4);
        Run skipsOk = launch(stack, "ingest", "--format", "smcefr", "--collection", collection, "--skips-ok", withSkips.toString());
        assertThat(skipsOk.exit()).as("a Job's pods take any code but 0 as failure: --skips-ok").isZero();
        assertThat(skipsOk.output()).contains("4 skipped");
        assertThat(skips.output()).contains("4 skipped").contains("skipped README.txt");
        Run failed = launch(stack, "ingest", "--format", "smcefr", "--collection", collection, temp.resolve("missing").toString());
        assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
        Run bad = launch(stack, "ingest", "--format", "smcefr");
        assertThat(bad.exit()).as(bad.output()).isEqualTo(2);
    }
}
