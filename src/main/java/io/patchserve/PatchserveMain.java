package io.patchserve;

import io.patchserve.storage.OrphanSweeper;

import io.patchserve.demo.DemoData;
import io.patchserve.ingest.IngestCommand;
import io.patchserve.release.ReleaseCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One artifact, several commands: {@code serve} (the default) runs the HTTP API; {@code ingest} loads a
 * release and exits; {@code demo-data} writes the generated demo release. Commands other than serve are
 * meant to run with QUARKUS_HTTP_HOST_ENABLED=false so that they open no port.
 */
@QuarkusMain
public class PatchserveMain implements QuarkusApplication {

    @Inject
    IngestCommand ingest;

    @Inject
    OrphanSweeper sweeper;

    @Inject
    ReleaseCommand release;

    /** Help is answered before the application starts (no database, no S3, at once); anything else runs it. */
    public static void main(String... args) {
        java.util.Optional<String> help = Help.forArgs(args);
        if (help.isPresent()) {
            System.out.println(help.get());
            return;
        }
        Quarkus.run(PatchserveMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        String command = args.length == 0 ? "serve" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        return switch (command) {
            case "serve" -> {
                Quarkus.waitForExit();
                yield 0;
            }
            case "ingest" -> ingest.run(rest, System.out);
            case "release" -> release.run(rest, System.out);
            case "demo-data" -> demoData(rest);
            case "sweep" -> sweep(rest);
            default -> {
                System.out.println("unknown command '" + command + "'\n" + Help.COMMANDS);
                yield 2;
            }
        };
    }

    /** {@code sweep [--older-than HOURS] [--dry-run] [--prefix P]}: deletes objects that no item names. */
    private int sweep(List<String> args) {
        long hours = 24;
        boolean dryRun = false;
        String prefix = "";
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--older-than" -> hours = Long.parseLong(args.get(++i));
                case "--dry-run" -> dryRun = true;
                case "--prefix" -> prefix = args.get(++i);
                default -> {
                    System.out.println("usage: sweep [--older-than HOURS] [--dry-run] [--prefix P]");
                    return 2;
                }
            }
        }
        var result = sweeper.sweep(prefix, java.time.Duration.ofHours(hours), dryRun);
        System.out.printf("sweep: %d objects examined, %d unreferenced, %d deleted%s, %d younger than %d h kept%n",
                result.examined(), result.orphans(), result.deleted(), dryRun ? " (dry run)" : "", result.youngOrphansKept(), hours);
        return 0;
    }

    private static int demoData(List<String> args) throws Exception {
        if (args.isEmpty()) {
            System.out.println("usage: demo-data FOLDER [COUNT]");
            return 2;
        }
        int count = args.size() > 1 ? Integer.parseInt(args.get(1)) : 24;
        int files = DemoData.write(Path.of(args.getFirst()), count, 1024).size();
        System.out.println("wrote " + files + " demo patches to " + args.getFirst());
        return 0;
    }
}
