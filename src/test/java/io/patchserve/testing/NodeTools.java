package io.patchserve.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Node scripts under {@code src/test/js} (the browser tests) with the tools deploy/local/test.sh installs:
 * playwright-core, html-validate and axe-core ({@code PATCHSERVE_NODE_MODULES}) and Debian's chromium.
 */
public final class NodeTools {

    private NodeTools() {
    }

    /** Runs a script to its end; fails the test with its output unless it exits 0. Returns its output. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        String modules = System.getenv("PATCHSERVE_NODE_MODULES");
        assertThat(modules).as("no browser tools: run the tests through deploy/local/test.sh, which installs them").isNotBlank();
        List<String> command = new ArrayList<>(List.of("node", "src/test/js/" + script));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("patchserve-node-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            String output = Files.readString(log);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished).as(script + " did not finish in 5 minutes:\n" + output).isTrue();
            assertThat(process.exitValue()).as(script + " failed:\n" + output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
