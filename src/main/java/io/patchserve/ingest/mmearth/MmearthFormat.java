package io.patchserve.ingest.mmearth;

import io.patchserve.ingest.IngestLimits;

import io.patchserve.stac.MediaTypes;

import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.ItemVectors;
import io.patchserve.raster.StacProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.DatasetFormat;
import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.ItemDraft;
import io.patchserve.ingest.LocalAsset;
import io.patchserve.ingest.Skipped;
import io.patchserve.ingest.SourceUnit;
import io.patchserve.ingest.UnitLeases;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.png.Rendering;
import io.patchserve.raster.hdf5.Hdf5Rows;
import io.patchserve.raster.hdf5.ItemFiles;
import io.patchserve.stats.ItemPixels;
import io.patchserve.stats.ProvidedStatistics;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * MMEarth: one HDF5 of N rows plus JSON side files (see {@link MmearthRelease}). Each row becomes one item:
 * its image modalities go to a canonical HDF5 (one band group per modality), its footprint is the tile's square
 * (H x 10 m) around tile_info's lat/lon in the tile's CRS, its split comes from splits.json, and the release's
 * band_stats.json is the collection's whole-collection statistics. Rows are read one at a time and side files
 * are looked up per batch from staging tables, so memory does not grow with N.
 */
@ApplicationScoped
public class MmearthFormat implements DatasetFormat {

    public static final String NAME = "mmearth";
    public static final String DATA_ASSET = "data";
    public static final String PREVIEW_ASSET = "preview";
    private static final int BATCH = 256;
    private static final double PIXEL_METRES = 10.0;

    private final SideFiles sideFiles;
    private final ObjectMapper mapper;
    private final IngestLimits limits;

    public MmearthFormat(SideFiles sideFiles, ObjectMapper mapper, IngestLimits limits) {
        this.sideFiles = sideFiles;
        this.mapper = mapper;
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NewCollection defaultCollection(String collectionId, Path source) throws IOException {
        RasterModel model;
        ItemVectors vectors;
        try (MmearthRelease release = MmearthRelease.open(source)) {
            model = release.model;
            vectors = release.vectors;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("providers", List.of(
                Map.of("name", "MMEarth (University of Copenhagen)", "roles", List.of("producer", "licensor"),
                        "url", "https://vishalned.github.io/mmearth"),
                Map.of("name", "Patchserve", "roles", List.of("host", "processor"))));
        extra.put("summaries", Map.of("constellation", List.of("sentinel-2"), "gsd", List.of(PIXEL_METRES),
                "eo:bands", model.stacBands()));
        extra.put("item_assets", Map.of(
                DATA_ASSET, Map.of("type", MediaTypes.HDF5, "roles", List.of("data"),
                        "title", "Every image modality of the tile, (C, H, W) per modality (HDF5)",
                        "raster:bands", model.stacBands()),
                PREVIEW_ASSET, Map.of("type", MediaTypes.PNG, "roles", List.of("overview", "visual"),
                        "title", previewTitle(model.rgb()) + " (2-98 % stretch per tile)")));
        extra.put(RasterModel.KEY, model);
        vectors.writeTo(extra);
        extra.put("sci:citation", "V. Nedungadi, A. Kariryaa, S. Oehmcke, S. Belongie, C. Igel, N. Lang, \"MMEarth: "
                + "Exploring Multi-Modal Pretext Tasks For Geospatial Representation Learning\", ECCV 2024.");
        return new NewCollection(collectionId, "MMEarth: multi-modal Sentinel-2 tiles",
                "Tiles of Sentinel-2 with aligned Sentinel-1, elevation, canopy height, land cover and climate "
                        + "modalities. Each item is one row of the release; 'split' comes from its splits file and the "
                        + "collection statistics from its band_stats file. Contains modified Copernicus Sentinel data.",
                "CC-BY-4.0", List.of("mmearth", "sentinel-2", "sentinel-1", "multi-modal", "patches", "machine learning"),
                extra);
    }

    /**
     * The release's band_stats.json: one set per modality, except Sentinel-2's, which has one for L1C rows
     * ({@code sentinel2_l1c}) and one for L2A rows ({@code sentinel2_l2a}); those are served per value of
     * {@code mmearth:s2_type}. A plain {@code sentinel2} key (older files) holds for every row.
     */
    @Override
    public Optional<ProvidedStatistics> providedStatistics(Path source) throws IOException {
        try (MmearthRelease release = MmearthRelease.open(source)) {
            String document = Files.readString(release.bandStats);
            JsonNode stats = mapper.readTree(document);
            Map<String, ProvidedStatistics.Values> bands = new LinkedHashMap<>();
            Map<String, Map<String, ProvidedStatistics.Values>> variants = new LinkedHashMap<>();
            for (BandGroup group : release.model.groups()) {
                bands.putAll(bandValues(group, stats.path(group.name())));
                if (group.name().equals(Modalities.SENTINEL2)) {
                    Modalities.S2_STATISTICS.forEach((type, key) -> {
                        Map<String, ProvidedStatistics.Values> set = bandValues(group, stats.path(key));
                        if (!set.isEmpty()) {
                            variants.put(type, set);
                        }
                    });
                }
            }
            return Optional.of(new ProvidedStatistics(bands, variants.isEmpty() ? null : ItemFields.MMEARTH_S2_TYPE,
                    variants, release.bandStats.getFileName().toString(), document));
        }
    }

    /** A modality's per-channel statistics by band name; none when they do not have one value per band. */
    private static Map<String, ProvidedStatistics.Values> bandValues(BandGroup group, JsonNode m) {
        Map<String, ProvidedStatistics.Values> out = new LinkedHashMap<>();
        int n = group.bands().size();
        for (String key : List.of("mean", "std", "min", "max")) {
            if (m.path(key).size() != n) {
                return out;
            }
        }
        for (int c = 0; c < n; c++) {
            out.put(group.bands().get(c), new ProvidedStatistics.Values(group.dataType(),
                    m.path("mean").get(c).asDouble(), m.path("std").get(c).asDouble(),
                    m.path("min").get(c).asDouble(), m.path("max").get(c).asDouble()));
        }
        return out;
    }

    @Override
    public void walk(Path source, Path workDir, UnitSink sink) throws Exception {
        MmearthRelease release = MmearthRelease.open(source);
        String tooLarge = rowTooLarge(release);
        if (tooLarge != null) {
            // decided from the datasets' shapes: every row is as large, so none is read
            try (release) {
                for (long row = 0; row < release.rows; row++) {
                    String name = release.h5.getFileName() + "#" + row;
                    sink.accept(refused(name, tooLarge));
                }
            }
            return;
        }
        // Units read rows after the walk has handed them out; the file stays open until the last one is released.
        UnitLeases open = new UnitLeases();
        UUID run = null;
        try {
            run = sideFiles.stage(release.tileInfo, release.splits);
            Dataset metadata = (Dataset) release.file.getChild("metadata");
            for (long start = 0; start < release.rows; start += BATCH) {
                int count = (int) Math.min(BATCH, release.rows - start);
                String[] ids;
                String[] types;
                synchronized (release.file) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = (Map<String, Object>) metadata.getData(new long[]{start}, new int[]{count});
                    ids = MetadataColumns.tileIds(fields);
                    types = MetadataColumns.s2Types(fields, count);
                }
                Map<String, JsonNode> tiles = sideFiles.tiles(run, Arrays.asList(ids));
                Map<Long, String> splits = sideFiles.splits(run, start, start + count);
                for (int i = 0; i < count; i++) {
                    long row = start + i;
                    sink.accept(new RowUnit(release, row, ids[i].trim(), types[i], tiles.get(ids[i].trim()),
                            splits.get(row), workDir, open.take()));
                }
            }
        } finally {
            open.awaitAllReturned();
            if (run != null) {
                sideFiles.drop(run);
            }
            release.close();
        }
    }

    /** Why a row of this release is too large to decode, or null: its image modalities' bytes against the budget. */
    private String rowTooLarge(MmearthRelease release) {
        long bytes = 0;
        List<String> shapes = new ArrayList<>();
        for (BandGroup group : release.model.groups()) {
            String refusal = limits.pixels().refusal(release.width, release.height, group.dataType().bytes());
            if (refusal != null) {
                return group.name() + ": " + refusal;
            }
            bytes += (long) group.bands().size() * release.width * release.height * group.dataType().bytes();
            shapes.add(group.name() + " " + group.bands().size() + " x " + release.height + " x " + release.width + " "
                    + group.dataType().id());
        }
        return bytes > limits.itemBytes() ? "a row's image modalities (" + String.join(", ", shapes) + ") take " + bytes
                + " bytes decoded, more than the " + limits.itemBytes() + " allowed (patchserve.ingest.max-item-decoded-bytes)"
                : null;
    }

    private static SourceUnit refused(String name, String reason) {
        return new SourceUnit() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public IngestEntry read() {
                return new Skipped(name, reason);
            }

            @Override
            public void release() {
            }
        };
    }

    private static String previewTitle(List<String> rgb) {
        return rgb.stream().distinct().count() == 1 ? "Grey-scale preview of " + rgb.getFirst()
                : "RGB preview (" + String.join(", ", rgb) + ")";
    }

    static List<Double> withNulls(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    /** The position of the single 1 of a one-hot vector; null when it is not one (no class, or a no-data fill). */
    static Integer oneHotIndex(double[] values) {
        Integer index = null;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == 1 && index == null) {
                index = i;
            } else if (values[i] != 0) {
                return null;
            }
        }
        return index;
    }

    private final class RowUnit implements SourceUnit {
        private final MmearthRelease release;
        private final long row;
        private final String tileId;
        private final String s2Type;
        private final JsonNode tile;
        private final String split;
        private final Path workDir;
        private final UnitLeases.Lease lease;
        private WorkFiles work;

        RowUnit(MmearthRelease release, long row, String tileId, String s2Type, JsonNode tile, String split,
                Path workDir, UnitLeases.Lease lease) {
            this.release = release;
            this.row = row;
            this.tileId = tileId;
            this.s2Type = s2Type;
            this.tile = tile;
            this.split = split;
            this.workDir = workDir;
            this.lease = lease;
        }

        @Override
        public String name() {
            return release.h5.getFileName() + "#" + row;
        }

        @Override
        public String shardKey() {
            return tileId;
        }

        @Override
        public IngestEntry read() throws IOException {
            if (tileId.isEmpty()) {
                return new Skipped(name(), "row has no tile id");
            }
            if (tile == null) {
                return new Skipped(name(), "tile " + tileId + " is not in " + release.tileInfo.getFileName());
            }
            Projection projection;
            try {
                projection = Projection.forCode(tile.path("CRS").asText(tile.path("crs").asText("")));
            } catch (Projection.UnknownCrsException e) {
                return new Skipped(name(), "tile " + tileId + ": " + e.getMessage());
            }
            if (!tile.path("lat").isNumber() || !tile.path("lon").isNumber()) {
                return new Skipped(name(), "tile " + tileId + " has no numeric lat/lon");
            }
            double lat = tile.get("lat").asDouble(), lon = tile.get("lon").asDouble();
            if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
                return new Skipped(name(), "tile " + tileId + " is at lat " + lat + ", lon " + lon
                        + ": outside -90..90, -180..180 degrees");
            }
            java.time.Instant datetime;
            try {
                datetime = LocalDate.parse(tile.path("S2_DATE").asText("")).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                return new Skipped(name(), "tile " + tileId + " has no S2_DATE (YYYY-MM-DD)");
            }
            double[] centre = projection.fromLonLat(lon, lat);
            int w = release.width, h = release.height;
            GridGeometry grid = new GridGeometry(w, h, new double[]{centre[0] - w * PIXEL_METRES / 2, PIXEL_METRES, 0,
                    centre[1] + h * PIXEL_METRES / 2, 0, -PIXEL_METRES});

            List<GroupRaster> groups = new ArrayList<>();
            Map<String, Object> props = new LinkedHashMap<>();
            try {
                synchronized (release.file) {
                    for (String modality : release.imageModalities) {
                        groups.add(readGroup(modality, grid));
                    }
                    readVectors(props);
                }
            } catch (RuntimeException e) {
                return new Skipped(name(), "row cannot be read: " + e.getMessage());
            }

            work = WorkFiles.create(workDir, "mmearth-");
            ItemFiles.write(work.file("data.h5"), projection, groups, Map.of("item", tileId, "source", "MMEarth"), release.model.bandNames());
            Map<String, LocalAsset> assets = new LinkedHashMap<>();
            assets.put(DATA_ASSET, work.asset("data.h5", MediaTypes.HDF5, List.of("data"),
                    "Every image modality of the tile, (C, H, W) per modality (HDF5)", tileId + ".h5", ".h5"));
            Rendering.writePreview(work.file("preview.png"), groups, release.model.rgb());
            assets.put(PREVIEW_ASSET, work.asset("preview.png", MediaTypes.PNG, List.of("overview", "visual"),
                    previewTitle(release.model.rgb()), tileId + ".png", ".png"));

            props.put("constellation", "sentinel-2");
            props.put("gsd", PIXEL_METRES);
            if (split != null) {
                props.put(ItemFields.SPLIT, split);
            }
            props.put("mmearth:row", row);
            props.put("mmearth:s2_date", tile.path("S2_DATE").asText());
            String type = s2Type != null && !s2Type.isBlank() ? s2Type.trim() : tile.path("S2_type").asText(null);
            if (type != null) {
                props.put(ItemFields.MMEARTH_S2_TYPE, type);
            }
            // as published, so that an export in MMEarth's layout writes the same entry back
            props.put(ItemFields.MMEARTH_TILE_INFO, tile);
            StacProjection.write(props, projection, grid);
            return new ItemDraft(name(), tileId, projection.footprint(grid, 4), datetime, null, null, props, assets,
                    new ItemPixels(split, groups));
        }

        private GroupRaster readGroup(String modality, GridGeometry grid) {
            Dataset ds = (Dataset) release.file.getChild(modality);
            BandGroup group = release.model.group(modality);
            int c = group.bands().size();
            Object data = ds.getData(new long[]{row, 0, 0, 0}, new int[]{1, c, grid.height(), grid.width()});
            Object chw = Array.get(data, 0);
            List<Band> bands = new ArrayList<>();
            List<BandArray> arrays = new ArrayList<>();
            for (int i = 0; i < c; i++) {
                BandArray a = BandArray.allocate(group.dataType(), grid.width(), grid.height());
                Hdf5Rows.copyPlane(chw, i, a);
                arrays.add(a);
                bands.add(release.model.band(group.bands().get(i)));
            }
            return new GroupRaster(group, grid, bands, arrays);
        }

        /**
         * The row's vectors as properties: era5, lat, lon and month as arrays (a missing value, NaN, as null: JSON
         * has no NaN); one-hot biome and eco_region as the index of their class, null when the row's vector is not
         * one-hot (the no-data fill).
         */
        private void readVectors(Map<String, Object> props) {
            for (Node node : release.file) {
                if (!(node instanceof Dataset ds) || ds.getDimensions().length != 2 || ds.isCompound()) {
                    continue;
                }
                String name = ds.getName();
                boolean vector = Modalities.VECTOR_PROPERTIES.contains(name);
                boolean oneHot = Modalities.ONE_HOT_PROPERTIES.contains(name);
                if (!vector && !oneHot) {
                    continue;
                }
                int c = ds.getDimensions()[1];
                Object values = Array.get(ds.getData(new long[]{row, 0}, new int[]{1, c}), 0);
                double[] v = new double[c];
                for (int i = 0; i < c; i++) {
                    v[i] = ((Number) Array.get(values, i)).doubleValue();
                }
                props.put("mmearth:" + name, vector ? withNulls(v) : oneHotIndex(v));
            }
        }

        @Override
        public void release() {
            if (work != null) {
                work.delete();
            }
            lease.giveBack();
        }
    }
}
