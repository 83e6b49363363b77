package io.patchserve.ingest.bigearthnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The patch lists published beside BigEarthNet v1, one patch name per line (first column), read when present at
 * the release root: the official splits ({@code train.csv}, {@code val.csv}, {@code test.csv}) and the lists of
 * patches with seasonal snow ({@code patches_with_seasonal_snow.csv}) and with cloud or shadow
 * ({@code patches_with_cloud_and_shadow.csv}). A list that is present answers for every patch (true or false);
 * one that is absent answers for none, so the property is left out rather than guessed.
 */
final class ReleaseLists {

    static final List<String> SPLITS = List.of("train", "val", "test");
    /** Item property -> the list file that sets it; the same properties as v2's metadata columns. */
    static final List<Map.Entry<String, String>> FLAG_FILES = List.of(
            Map.entry("bigearthnet:contains_seasonal_snow", "patches_with_seasonal_snow.csv"),
            Map.entry("bigearthnet:contains_cloud_or_shadow", "patches_with_cloud_and_shadow.csv"));

    private final Map<String, String> splits;
    private final Map<String, Set<String>> flagged;

    private ReleaseLists(Map<String, String> splits, Map<String, Set<String>> flagged) {
        this.splits = splits;
        this.flagged = flagged;
    }

    static ReleaseLists read(Path root) throws IOException {
        Map<String, String> splits = new HashMap<>();
        for (String split : SPLITS) {
            Path csv = root.resolve(split + ".csv");
            if (Files.isRegularFile(csv)) {
                for (String patch : names(csv)) {
                    splits.put(patch, split);
                }
            }
        }
        Map<String, Set<String>> flagged = new LinkedHashMap<>();
        for (var e : FLAG_FILES) {
            Path csv = root.resolve(e.getValue());
            if (Files.isRegularFile(csv)) {
                flagged.put(e.getKey(), names(csv));
            }
        }
        return new ReleaseLists(splits, flagged);
    }

    private static Set<String> names(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            Set<String> out = new HashSet<>();
            lines.map(l -> l.split(",", 2)[0].trim()).filter(l -> !l.isEmpty()).forEach(out::add);
            return out;
        }
    }

    /** The patch's split, or null when no split list names it. */
    String split(String patch) {
        return splits.get(patch);
    }

    /** Property -> whether the patch is on that list, for each list the release has. */
    Map<String, Boolean> flags(String patch) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        flagged.forEach((property, patches) -> out.put(property, patches.contains(patch)));
        return out;
    }
}
