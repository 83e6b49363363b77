package io.patchserve;

import io.patchserve.ingest.IngestCommand;
import io.patchserve.release.ReleaseCommand;
import io.patchserve.ingest.StacItemsLoader;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.ingest.bigearthnet.BigEarthNetV2Format;
import io.patchserve.ingest.earthnet.EarthNet2021Format;
import io.patchserve.ingest.earthnet.EarthNet2021xFormat;
import io.patchserve.ingest.mmearth.MmearthFormat;
import io.patchserve.ingest.smcefr.SmcefrFormat;
import io.patchserve.ingest.worldstrat.WorldStratFormat;

import java.util.List;
import java.util.Optional;

/**
 * The command line's help, answered before the application starts: {@code --help} needs no database and no
 * S3 server, and returns at once.
 */
final class Help {

    /** Every format ingest knows, as IngestService finds them (HelpTest keeps the two lists equal). */
    static final List<String> FORMATS = List.of(BigEarthNetFormat.NAME, BigEarthNetV2Format.NAME, EarthNet2021Format.NAME,
            EarthNet2021xFormat.NAME, MmearthFormat.NAME, SmcefrFormat.NAME, WorldStratFormat.NAME, StacItemsLoader.FORMAT);

    static final String COMMANDS = """
            usage: patchserve [COMMAND] [OPTIONS]
              serve                      run the HTTP API (the default)
              ingest ...                 load a release into a collection and exit (patchserve ingest --help)
              release ...                freeze a collection as a named, citable version (patchserve release --help)
              demo-data FOLDER [COUNT]   write the generated SMCEFR-like demo release
              sweep [--older-than HOURS] [--dry-run] [--prefix P]
                                         delete stored objects that no item names
              --help                     this text
            Settings come from the environment (QUARKUS_DATASOURCE_JDBC_URL, PATCHSERVE_STORAGE_ENDPOINT, ...: see the
            README's configuration table); ./patchserve uses the local stack's when deploy/local/stack.sh runs one.""";

    private Help() {
    }

    /** The help these arguments ask for, if they ask for help. */
    static Optional<String> forArgs(String... args) {
        List<String> list = List.of(args);
        boolean asked = list.contains("--help") || list.contains("-h") || (!list.isEmpty() && list.getFirst().equals("help"));
        if (!asked) {
            return Optional.empty();
        }
        String command = list.isEmpty() ? "" : list.getFirst();
        return Optional.of(switch (command) {
            case "ingest" -> IngestCommand.usage(FORMATS);
            case "release" -> ReleaseCommand.usage();
            default -> COMMANDS;
        });
    }
}
