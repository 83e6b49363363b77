package io.patchserve.release;

import io.patchserve.catalog.CatalogService;
import io.patchserve.error.ApiException;
import io.patchserve.http.Links;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintStream;
import java.util.List;

/** {@code patchserve release}: freezes a collection as a named version, or lists its releases. */
@ApplicationScoped
public class ReleaseCommand {

    public static final int DONE = 0;
    public static final int REFUSED = 1;
    public static final int BAD_ARGUMENTS = 2;

    private final ReleaseService releases;
    private final CatalogService catalog;

    public ReleaseCommand(ReleaseService releases, CatalogService catalog) {
        this.releases = releases;
        this.catalog = catalog;
    }

    public static String usage() {
        return """
                usage: patchserve release --collection ID --version NAME [--notes TEXT] [--doi DOI]
                       patchserve release --collection ID --list
                Freezes the collection as it is now as release NAME (e.g. v1.0): its items, their objects, its statistics
                and its card. A release never changes; it is served below /collections/ID/releases/NAME/ (items, search,
                assets, crops, bundles, statistics, pages), with a changelog against the release before it. A DOI can be
                attached later with PATCH /collections/ID/releases/NAME {"doi": "10.…"}.
                Exit codes: 0 released (or listed), 1 refused (the reason is printed), 2 bad arguments.""";
    }

    public int run(List<String> args, PrintStream out) {
        String collection = null;
        String version = null;
        String notes = null;
        String doi = null;
        boolean list = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--list")) {
                list = true;
                continue;
            }
            if (i + 1 >= args.size() || !List.of("--collection", "--version", "--notes", "--doi").contains(arg)) {
                out.println("release: unknown or incomplete argument '" + arg + "'\n" + usage());
                return BAD_ARGUMENTS;
            }
            String value = args.get(++i);
            switch (arg) {
                case "--collection" -> collection = value;
                case "--version" -> version = value;
                case "--notes" -> notes = value;
                default -> doi = value;
            }
        }
        if (collection == null || (version != null) == list) {
            out.println("release: --collection and either --version or --list are needed\n" + usage());
            return BAD_ARGUMENTS;
        }
        try {
            if (list) {
                for (Release r : releases.releases(collection)) {
                    out.println(r.version() + "\t" + r.released() + "\t" + (r.doi() == null ? "-" : r.doi()) + "\t"
                            + Links.collectionPath(r.id()));
                }
                return DONE;
            }
            Release release = releases.release(collection, version, notes, doi);
            out.println("released " + collection + " " + release.version() + ": " + catalog.collection(release.id()).itemCount
                    + " items, served at " + Links.collectionPath(release.id()));
            return DONE;
        } catch (ApiException e) {
            out.println("release refused: " + e.getMessage());
            return REFUSED;
        }
    }
}
