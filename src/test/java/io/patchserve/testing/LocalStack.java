package io.patchserve.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the real PostGIS and S3 server for the tests through the project's own script
 * ({@code deploy/local/stack.sh}), on ports and a state folder of their own so that a running demo is not
 * touched. Starting is idempotent; {@code deploy/local/test.sh} stops the stack when the run is over.
 */
public class LocalStack implements QuarkusTestResourceLifecycleManager {

    public static final int PG_PORT = Integer.getInteger("patchserve.test.pg-port", 55433);
    public static final int S3_PORT = Integer.getInteger("patchserve.test.s3-port", 59001);
    public static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    public static final Path STATE = ROOT.resolve(".state/test");

    @Override
    public Map<String, String> start() {
        run("start");
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/patchserve",
                "quarkus.datasource.username", "patchserve",
                "quarkus.datasource.password", "patchserve",
                "patchserve.storage.endpoint", s3Endpoint(),
                "patchserve.storage.access-key", "patchserve",
                "patchserve.storage.secret-key", "patchserve-secret",
                "patchserve.storage.bucket", "patchserve");
    }

    @Override
    public void stop() {
        // Left running for the next test class and the next run; deploy/local/test.sh stops it.
    }

    public static String s3Endpoint() {
        return "http://127.0.0.1:" + S3_PORT;
    }

    /** Runs {@code deploy/local/stack.sh <command>} against the test stack. */
    public static void run(String command) {
        try {
            Files.createDirectories(STATE);
            Path log = STATE.resolve("stack-" + command + ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("deploy/local/stack.sh").toString(), command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("PATCHSERVE_STATE", STATE.toString());
            builder.environment().put("PATCHSERVE_PG_PORT", Integer.toString(PG_PORT));
            builder.environment().put("PATCHSERVE_S3_PORT", Integer.toString(S3_PORT));
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("deploy/local/stack.sh " + command + " failed with exit code " + exit
                        + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run deploy/local/stack.sh " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
