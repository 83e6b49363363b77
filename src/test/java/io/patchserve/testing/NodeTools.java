package io.patchserve.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
        return PythonTools.runToEnd(script, command);
    }
}
