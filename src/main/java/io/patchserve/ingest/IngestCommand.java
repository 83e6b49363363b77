package io.patchserve.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ingest --format smcefr|stac-items --collection ID [--title T] [--description D] [--license L] SOURCE}: the same
 * artifact as the server, run as a one-shot command (locally, or as a Kubernetes Job). The exit code tells the
 * outcomes apart, so a script or a Job can act on them: {@value #CLEAN} every file landed, {@value #WITH_SKIPS} the
 * run went through but skipped files (listed with their reasons), {@value #FAILED} it stopped early (rerunning is
 * safe), {@value #BAD_ARGUMENTS} bad arguments.
 */
@ApplicationScoped
public class IngestCommand {

    public static final int CLEAN = 0;
    public static final int FAILED = 1;
    public static final int BAD_ARGUMENTS = 2;
    /** Not 3: that is the JVM's own exit code for running out of memory (-XX:+ExitOnOutOfMemoryError). */
    public static final int WITH_SKIPS = 4;

    private final IngestService ingest;
    private final StacItemsLoader itemsLoader;
    private final ObjectMapper mapper;

    public IngestCommand(IngestService ingest, StacItemsLoader itemsLoader, ObjectMapper mapper) {
        this.ingest = ingest;
        this.itemsLoader = itemsLoader;
        this.mapper = mapper;
    }

    public int run(List<String> args, PrintStream out) {
        String format = null, collection = null, title = null, description = null, license = null;
        io.patchserve.catalog.CollectionChanges card = null;
        String runName = null;
        boolean allowEmpty = false, skipsOk = false;
        Path reportFile = null;
        Shard shard = Shard.ALL;
        List<String> sources = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--format" -> format = value(args, ++i, arg);
                    case "--collection" -> collection = value(args, ++i, arg);
                    case "--title" -> title = value(args, ++i, arg);
                    case "--description" -> description = value(args, ++i, arg);
                    case "--license" -> license = value(args, ++i, arg);
                    case "--card" -> card = readCard(Path.of(value(args, ++i, arg)));
                    case "--run" -> runName = value(args, ++i, arg);
                    case "--allow-empty" -> allowEmpty = true;
                    case "--skips-ok" -> skipsOk = true;
                    case "--shard" -> shard = Shard.parse(value(args, ++i, arg));
                    case "--report" -> reportFile = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        out.println(usage());
                        return 0;
                    }
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        sources.add(arg);
                    }
                }
            }
            if (format == null || collection == null || sources.size() != 1) {
                throw new IllegalArgumentException("need --format, --collection and exactly one SOURCE");
            }
            var overrides = new IngestService.CollectionOverrides(title, description, license, card);
            IngestReport report = format.equals(StacItemsLoader.FORMAT) ? itemsLoader.newReport(collection)
                    : ingest.newReport(format, collection);
            try (ReportFile written = reportFile == null ? null : new ReportFile(reportFile, report, mapper);
                 ProgressBar bar = ProgressBar.start(report, out)) {
                if (format.equals(StacItemsLoader.FORMAT)) {
                    itemsLoader.load(collection, Path.of(sources.getFirst()), overrides,
                            SourceMirror.Options.forRun(Shard.ALL, runName, collection, allowEmpty), report);
                } else {
                    ingest.ingest(format, collection, Path.of(sources.getFirst()), overrides, shard,
                            SourceMirror.Options.forRun(shard, runName, collection, allowEmpty), report);
                }
            }
            print(report, out);
            return !report.succeeded() ? FAILED : report.skipped() > 0 && !skipsOk ? WITH_SKIPS : CLEAN;
        } catch (IllegalArgumentException | ApiException e) {
            out.println("error: " + e.getMessage());
            out.println(usage());
            return BAD_ARGUMENTS;
        }
    }

    /** A card file's changes; a card that cannot be used stops the command before anything is written. */
    private static io.patchserve.catalog.CollectionChanges readCard(Path file) {
        try {
            return io.patchserve.card.DatasetCard.parse(java.nio.file.Files.readString(file)).changes();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--card " + file + " could not be read: " + e.getMessage());
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private String usage() {
        List<String> formats = new ArrayList<>(ingest.formatNames());
        formats.add(StacItemsLoader.FORMAT);
        return usage(formats);
    }

    /** The ingest command's usage with these format names (the launcher's --help prints it without starting). */
    public static String usage(List<String> formats) {
        return "usage: ingest --format " + String.join("|", formats)
                + " --collection ID [--card FILE] [--title T] [--description D] [--license SPDX]\n"
                + "    [--shard INDEX/COUNT --run NAME] [--allow-empty] [--skips-ok] [--report FILE] SOURCE\n"
                + "  SOURCE is a folder, a .tar, .tar.gz or .tgz archive; for " + StacItemsLoader.FORMAT
                + ", a file of STAC Items, one per line (.ndjson or .ndjson.gz; metadata only).\n"
                + "  --card FILE is the dataset card (YAML front matter + Markdown, as Hugging Face's): title, license, doi,\n"
                + "  keywords, providers, citation (BibTeX), classes, splits, bands; a folder release's README.md with front\n"
                + "  matter is its card too. What a run states (card, --title, ...) takes effect on a rerun as well.\n"
                + "  A run mirrors its source: the collection's items it no longer finds are withdrawn (not when it stops early;\n"
                + "  a run that finds none of them refuses unless --allow-empty). Shards of one run share --run NAME (e.g. the\n"
                + "  Job's name); the last shard to finish withdraws. Without --run, a shard only adds and updates.\n"
                + "  --shard 2/8 ingests the eighth of the files that part 2 owns (for indexed Kubernetes Jobs).\n"
                + "  --report FILE keeps the run's counts and skips in FILE as JSON while it goes (how HTTP imports watch it).\n"
                + "  Exit code: 0 every file landed, 4 done with skipped files (listed; --skips-ok makes that 0, for runners such as\n"
                + "  Kubernetes Jobs that take any other code as a failure), 1 stopped early (rerunning is safe),\n"
                + "  2 bad arguments.";
    }

    static void print(IngestReport report, PrintStream out) {
        out.println(report.progressLine());
        for (String note : report.notes()) {
            out.println("  note: " + note);
        }
        for (Skipped skip : report.skips()) {
            out.println("  skipped " + skip.source() + ": " + skip.reason());
        }
        if (report.skipped() > report.skips().size()) {
            out.println("  ... and " + (report.skipped() - report.skips().size()) + " more skipped");
        }
        if (!report.succeeded()) {
            out.println("stopped early: " + report.failure() + " (rerunning is safe: finished items are kept)");
        }
    }
}
