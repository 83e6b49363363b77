package io.patchserve.ingest.worldstrat;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.PixelBudget;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.tiff.InvalidTiffException;
import io.patchserve.raster.tiff.TiffImage;
import io.patchserve.raster.tiff.TiffReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One WorldStrat area's files: its Sentinel-2 revisits ({@code lr_dataset/<AOI>/<product>/<AOI>-<n>-<suffix>.tiff},
 * ordered by the number n, not by name: 1, 2, ..., 10) and its SPOT images ({@code hr_dataset/<AOI>/<AOI>_ps.tiff},
 * {@code _pan}, {@code _rgbn}; 8-bit ones under {@code hr_dataset/8bit/<AOI>/}), read and checked against the
 * collection's groups. Whatever makes the area unusable is an {@link Invalid} with the reason.
 */
final class AreaFiles {

    /** Why an area is skipped; the message is what the report shows. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** The nominal Sentinel-2 pixel, for an area whose revisits carry no geotransform. */
    private static final double LR_METRES = 10.0;
    private static final double METRES_PER_DEGREE = 111_320.0;
    private static final int WGS84 = 4326;
    /** The CLM value of a cloudy pixel (0: clear; 255: no data), as Sentinel Hub's s2cloudless mask has it. */
    private static final int CLOUD = 1, NO_DATA = 255;

    private final Path root;
    private final String area;
    private final PixelBudget budget;

    AreaFiles(Path root, String area, PixelBudget budget) {
        this.root = root;
        this.area = area;
        this.budget = budget;
    }

    /** One revisit as read: its number, date and image. */
    record Step(int n, Instant datetime, TiffImage image) {
    }

    /** A product's revisits, in order, all of one size. */
    final class Series {
        private final BandGroup group;
        private final List<Step> steps;
        private final GridGeometry grid;
        private final int epsg;
        private final String highResDate;

        private Series(BandGroup group, List<Step> steps, GridGeometry grid, int epsg, String highResDate) {
            this.group = group;
            this.steps = steps;
            this.grid = grid;
            this.epsg = epsg;
            this.highResDate = highResDate;
        }

        List<Step> steps() {
            return steps;
        }

        GridGeometry grid() {
            return grid;
        }

        int epsg() {
            return epsg;
        }

        Projection projection() throws Invalid {
            try {
                return Projection.forEpsg(epsg);
            } catch (Projection.UnknownCrsException e) {
                throw new Invalid(e.getMessage());
            }
        }

        Instant first() {
            return steps.stream().map(Step::datetime).min(Comparator.naturalOrder()).orElseThrow();
        }

        Instant last() {
            return steps.stream().map(Step::datetime).max(Comparator.naturalOrder()).orElseThrow();
        }

        /** The SPOT acquisition's date as metadata.csv gives it (the same on every row of the area), or null. */
        String highResDate() {
            return highResDate;
        }

        GroupRaster raster(RasterModel model) {
            List<BandArray> arrays = new ArrayList<>();
            steps.forEach(s -> arrays.addAll(s.image().bands()));
            List<Band> bands = group.bands().stream().map(model::band).toList();
            return new GroupRaster(group, grid, bands, arrays, steps.stream().map(Step::datetime).toList());
        }

        /** Each step's datetime and revisit number, and its cloud cover (%) from {@code masks} when given. */
        List<Map<String, Object>> stepProperties(Series masks) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int t = 0; t < steps.size(); t++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("datetime", steps.get(t).datetime().toString());
                p.put("worldstrat:revisit", steps.get(t).n());
                if (masks != null) {
                    p.put("eo:cloud_cover", cloudCover(masks.steps.get(t).image().pixels()));
                }
                out.add(p);
            }
            return out;
        }
    }

    private static double cloudCover(BandArray mask) {
        long cloudy = 0, seen = 0;
        for (int i = 0, n = mask.length(); i < n; i++) {
            int v = (int) mask.get(i);
            if (v != NO_DATA) {
                seen++;
                cloudy += v == CLOUD ? 1 : 0;
            }
        }
        return seen == 0 ? 0 : Math.round(10_000.0 * cloudy / seen) / 100.0;
    }

    /** The area's revisits of {@code product} (L2A, L1C); none is a reason to skip. */
    Series series(String product, String suffix, BandGroup group, Map<Integer, WorldStratRelease.Revisit> dated)
            throws IOException, Invalid {
        Series s = optionalSeries(product, suffix, group, dated);
        if (s == null) {
            throw new Invalid("no low-resolution revisits: lr_dataset/" + area + "/" + product + "/ holds no "
                    + area + "-<n>-" + suffix + ".tiff");
        }
        return s;
    }

    /** The area's revisits of {@code product}, or null when it has none. */
    Series optionalSeries(String product, String suffix, BandGroup group, Map<Integer, WorldStratRelease.Revisit> dated)
            throws IOException, Invalid {
        Path folder = root.resolve("lr_dataset").resolve(area).resolve(product);
        if (!Files.isDirectory(folder)) {
            return null;
        }
        Pattern name = Pattern.compile(Pattern.quote(area) + "-(\\d{1,4})-" + Pattern.quote(suffix) + "\\.tiff");
        Map<Integer, Path> numbered = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches()) {
                    numbered.put(Integer.parseInt(m.group(1)), f);
                }
            }
        }
        if (numbered.isEmpty()) {
            return null;
        }
        if (dated.isEmpty()) {
            throw new Invalid(WorldStratRelease.METADATA + " has no rows for the area, so its revisits have no dates");
        }
        List<Step> steps = new ArrayList<>();
        for (var e : numbered.entrySet()) {
            WorldStratRelease.Revisit row = dated.get(e.getKey());
            if (row == null) {
                throw new Invalid("revisit " + e.getKey() + " (" + e.getValue().getFileName() + ") has no row in "
                        + WorldStratRelease.METADATA + ", so no date");
            }
            TiffImage image = read(e.getValue(), group);
            if (!steps.isEmpty()) {
                sameSize(steps.getFirst(), e.getKey(), image, e.getValue());
            }
            steps.add(new Step(e.getKey(), row.lowResDate(), image));
        }
        TiffImage first = steps.getFirst().image();
        WorldStratRelease.Revisit firstRow = dated.get(steps.getFirst().n());
        GridGeometry grid = first.grid() != null ? first.grid() : centred(firstRow, first);
        int epsg = first.grid() != null && first.epsg() != null ? first.epsg() : WGS84;
        return new Series(group, List.copyOf(steps), grid, epsg, firstRow.highResDate());
    }

    /** The L2A revisits' cloud masks ({@code <AOI>-<n>-CLM.tiff} beside them), one per revisit. */
    Series masks(Series l2a, BandGroup group) throws IOException, Invalid {
        Path folder = root.resolve("lr_dataset").resolve(area).resolve("L2A");
        List<Step> steps = new ArrayList<>();
        for (Step revisit : l2a.steps) {
            Path file = folder.resolve(area + "-" + revisit.n() + "-CLM.tiff");
            if (!Files.isRegularFile(file)) {
                throw new Invalid("revisit " + revisit.n() + " has no cloud mask " + file.getFileName());
            }
            TiffImage image = read(file, group);
            sameSize(revisit, revisit.n(), image, file);
            steps.add(new Step(revisit.n(), revisit.datetime(), image));
        }
        return new Series(group, List.copyOf(steps), l2a.grid, l2a.epsg, l2a.highResDate);
    }

    /**
     * A SPOT image, or empty when the release does not have it for the area. Placed by its own geotransform when
     * it has one in the revisits' CRS; otherwise (the SPOT downloader writes none) on the revisits' extent.
     */
    Optional<GroupRaster> highResolution(BandGroup group, RasterModel model, GridGeometry lrGrid, int lrEpsg)
            throws IOException, Invalid {
        boolean eightBit = group.name().endsWith("_8bit");
        String product = eightBit ? group.name().substring(0, group.name().length() - "_8bit".length()) : group.name();
        Path folder = eightBit ? root.resolve("hr_dataset").resolve("8bit").resolve(area) : root.resolve("hr_dataset").resolve(area);
        Path file = folder.resolve(area + "_" + product + (eightBit ? "_8bit" : "") + ".tiff");
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        TiffImage image = read(file, group);
        BandArray any = image.pixels();
        GridGeometry grid = image.grid() != null && image.epsg() != null && image.epsg() == lrEpsg
                ? image.grid() : lrGrid.resized(any.width(), any.height());
        List<Band> bands = group.bands().stream().map(model::band).toList();
        return Optional.of(new GroupRaster(group, grid, bands, image.bands()));
    }

    private TiffImage read(Path file, BandGroup group) throws IOException, Invalid {
        String where = root.relativize(file).toString();
        if (Files.isSymbolicLink(file)) {
            throw new Invalid(where + ": links are not followed (a release's files must be its own)");
        }
        TiffImage image;
        try {
            image = TiffReader.readBands(file, budget);
        } catch (InvalidTiffException e) {
            throw new Invalid(where + ": " + e.getMessage());
        }
        int want = group.bands().size();
        if (image.bands().size() != want) {
            throw new Invalid(where + " has " + image.bands().size() + " bands; " + group.name() + " has " + want + " ("
                    + String.join(", ", group.bands()) + ")");
        }
        if (image.pixels().type() != group.dataType()) {
            throw new Invalid(where + " holds " + image.pixels().type().id() + " samples; " + group.name() + " is "
                    + group.dataType().id());
        }
        return image;
    }

    private static void sameSize(Step first, int n, TiffImage image, Path file) throws Invalid {
        BandArray a = first.image().pixels(), b = image.pixels();
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new Invalid("revisit " + n + " (" + file.getFileName() + ") is " + b.width() + " x " + b.height()
                    + " pixels, revisit " + first.n() + " " + a.width() + " x " + a.height());
        }
    }

    /** A grid of 10 m pixels (in degrees) centred on the area's lon/lat, for revisits written without a geotransform. */
    private GridGeometry centred(WorldStratRelease.Revisit row, TiffImage image) throws Invalid {
        if (row.lon() == null || row.lat() == null) {
            throw new Invalid("no georeference: the revisits have no geotransform and " + WorldStratRelease.METADATA
                    + " no lon/lat for the area");
        }
        int w = image.pixels().width(), h = image.pixels().height();
        double dy = LR_METRES / METRES_PER_DEGREE;
        double dx = dy / Math.max(1e-6, Math.cos(Math.toRadians(row.lat())));
        return new GridGeometry(w, h, new double[]{row.lon() - dx * w / 2, dx, 0, row.lat() + dy * h / 2, 0, -dy});
    }
}
