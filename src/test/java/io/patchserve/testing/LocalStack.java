package io.patchserve.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the real PostGIS and S3 server for the tests through the project's own script
 * ({@code deploy/local/stack.sh}), on ports and a state folder of their own so that a running demo is not
 * touched (ports as in the %test profile of application.properties). Starting is idempotent;
 * {@code deploy/local/test.sh} stops the stack when the run is over.
 */
public class LocalStack implements QuarkusTestResourceLifecycleManager {

    public static final int PG_PORT = 55433;
    public static final int S3_PORT = 59001;
    public static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    public static final Path STATE = ROOT.resolve(".state/test");

    @Override
    public Map<String, String> start() {
        run("start");
        // The %test profile in application.properties points at these ports; returning no configuration
        // here lets a test profile override it (e.g. an unreachable S3).
        return Map.of();
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
