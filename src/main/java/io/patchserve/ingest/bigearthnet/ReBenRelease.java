package io.patchserve.ingest.bigearthnet;

import io.patchserve.ingest.ArchiveLimits;
import io.patchserve.ingest.SourceFiles;
import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A BigEarthNet v2 (reBEN) release as published: {@code metadata.parquet} (and
 * {@code metadata_for_patches_with_snow_cloud_or_shadow.parquet}) beside three parts, each either a folder or
 * the zstd-compressed tar that holds it: {@code BigEarthNet-S2}, {@code BigEarthNet-S1}, {@code Reference_Maps}.
 * Archives are extracted into the ingest's work folder (patches of three archives are joined through the
 * metadata, which needs them side by side) and removed on close; a part that could not be read to its end keeps
 * what came before, and says why in {@link #incomplete}.
 */
final class ReBenRelease implements AutoCloseable {

    static final String S2 = "BigEarthNet-S2";
    static final String S1 = "BigEarthNet-S1";
    static final String MAPS = "Reference_Maps";
    static final String METADATA = "metadata.parquet";
    static final String SNOW_CLOUD = "metadata_for_patches_with_snow_cloud_or_shadow.parquet";
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".tar.zst", ".tzst", ".tar");

    /** One metadata row, as the parquet has it. */
    record Row(String patchId, List<String> labels, String split, String country, String s1Name, String s2v1Name,
               Boolean snow, Boolean cloudOrShadow) {
    }

    final Path source;
    /** Part -> its folder, for the parts the release has. */
    final Map<String, Path> roots = new LinkedHashMap<>();
    /** Part -> why it holds fewer files than its archive promised. */
    final Map<String, String> incomplete = new LinkedHashMap<>();
    private final Path staging;

    private ReBenRelease(Path source, Path staging) {
        this.source = source;
        this.staging = staging;
    }

    /** Which parts {@code source} has (as folder or archive), without reading them. */
    static List<String> parts(Path source) {
        return Stream.of(S2, S1, MAPS).filter(p -> Files.isDirectory(source.resolve(p)) || archive(source, p).isPresent())
                .toList();
    }

    private static Optional<Path> archive(Path source, String part) {
        return ARCHIVE_SUFFIXES.stream().map(s -> source.resolve(part + s)).filter(Files::isRegularFile).findFirst();
    }

    static void requireRelease(Path source) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IOException("a BigEarthNet v2 release is a folder holding " + METADATA + " and " + S2
                    + " (folder or .tar.zst); " + source + " is not a folder");
        }
        if (!Files.isRegularFile(source.resolve(METADATA))) {
            throw new IOException(source + " has no " + METADATA);
        }
        if (!parts(source).contains(S2)) {
            throw new IOException(source + " has no " + S2 + " folder or archive");
        }
    }

    /** Opens the release, extracting the archived parts into a folder under {@code workDir}. */
    static ReBenRelease open(Path source, Path workDir, ArchiveLimits limits) throws IOException {
        requireRelease(source);
        ReBenRelease release = new ReBenRelease(source, workDir.resolve("bigearthnet-v2-" + UUID.randomUUID()));
        try {
            for (String part : parts(source)) {
                Path folder = source.resolve(part);
                if (Files.isDirectory(folder)) {
                    release.roots.put(part, folder);
                    continue;
                }
                Path archive = archive(source, part).orElseThrow();
                SourceFiles.Extracted extracted = SourceFiles.extract(archive, release.staging, limits);
                if (extracted.stoppedBecause() != null) {
                    release.incomplete.put(part, extracted.stoppedBecause());
                }
                release.roots.put(part, release.staging.resolve(part));
            }
        } catch (IOException | RuntimeException e) {
            release.close();
            throw e;
        }
        return release;
    }

    /** The metadata files present: the main table, then the one of patches with snow, cloud or shadow. */
    List<Path> metadataFiles() {
        return Stream.of(METADATA, SNOW_CLOUD).map(source::resolve).filter(Files::isRegularFile).toList();
    }

    /** Visits every metadata row, streamed from the parquet files (DuckDB reads them; nothing is held). */
    void forEachRow(RowVisitor visitor) throws Exception {
        List<Path> files = metadataFiles();
        String query = String.join(" UNION ALL ", files.stream().map(f -> """
                SELECT patch_id, labels, split, country, s1_name, s2v1_name, contains_seasonal_snow,
                       contains_cloud_or_shadow FROM read_parquet(?)""").toList());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < files.size(); i++) {
                s.setString(i + 1, files.get(i).toString());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    visitor.visit(new Row(r.getString(1), strings(r.getArray(2)), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), (Boolean) r.getObject(7), (Boolean) r.getObject(8)));
                }
            }
        } catch (SQLException e) {
            throw new IOException("the metadata (" + files.stream().map(f -> f.getFileName().toString()).toList()
                    + ") cannot be read: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    interface RowVisitor {
        void visit(Row row) throws Exception;
    }

    /** Why a file of {@code part} may be missing beyond it not being in the release: the part's archive ended early. */
    String whyMissing(String part) {
        String why = incomplete.get(part);
        return why == null ? "" : " (" + why + ")";
    }

    @Override
    public void close() {
        // what cannot be deleted now is left for the work folder's own cleanup; nothing of it is published
        FileUtils.deleteQuietly(staging.toFile());
    }
}
