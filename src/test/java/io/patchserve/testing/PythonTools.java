package io.patchserve.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Python scripts under src/test/python with the interpreter deploy/local/test.sh prepares
 * (PATCHSERVE_PYTHON, else .state/venv): numpy, h5py and Pillow read what Patchserve writes, GDAL makes and
 * reads the GeoTIFFs, so the checks do not go through the code under test.
 */
public final class PythonTools {

    private PythonTools() {
    }

    public static String python() {
        String configured = System.getenv("PATCHSERVE_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path venv = Path.of(".state/venv/bin/python");
        assertThat(venv).as("no Python environment: run the tests through deploy/local/test.sh, which creates "
                + ".state/venv with numpy, h5py and pillow").exists();
        return venv.toString();
    }

    /** Runs a script to its end; fails the test with its output unless it exits 0. Returns its output. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python(), "src/test/python/" + script));
        command.addAll(List.of(args));
        return runToEnd(script, command);
    }

    /**
     * Runs {@code command} to its end (5 minutes at most); fails the test with its output unless it exits 0.
     * Returns its output, stdout and stderr together. {@code name} names it in failures.
     */
    static String runToEnd(String name, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("patchserve-tool-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            String output = Files.readString(log);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished).as(name + " did not finish in 5 minutes:\n" + output).isTrue();
            assertThat(process.exitValue()).as(name + " failed:\n" + output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
