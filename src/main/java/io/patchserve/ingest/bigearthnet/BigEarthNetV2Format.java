package io.patchserve.ingest.bigearthnet;

import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.LabelNomenclatures;
import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.DatasetFormat;
import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.IngestLimits;
import io.patchserve.ingest.ItemDraft;
import io.patchserve.ingest.LocalAsset;
import io.patchserve.ingest.Skipped;
import io.patchserve.ingest.SourceUnit;
import io.patchserve.ingest.UnitLeases;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.ingest.bigearthnet.PatchTiffs.Invalid;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.StacProjection;
import io.patchserve.raster.hdf5.ItemFiles;
import io.patchserve.raster.png.Rendering;
import io.patchserve.raster.tiff.TiffImage;
import io.patchserve.stac.MediaTypes;
import io.patchserve.stats.ItemPixels;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * BigEarthNet v2 (reBEN, 2024) as published (see {@link ReBenRelease} for the layout): one item per metadata
 * row, its id the v2 patch id. The twelve Sentinel-2 bands as in v1, the paired Sentinel-1 patch ({@code VV},
 * {@code VH}, found through the row's {@code s1_name}) and the reference map (per-pixel CLC 2018 codes) become
 * band groups of one canonical HDF5 on the 10 m grid, so crops can return any of them; the reference map is also
 * an asset as published. Labels are the metadata's 19-class names; split, country, the v1 name and the snow and
 * cloud flags become properties as published.
 */
@ApplicationScoped
public class BigEarthNetV2Format implements DatasetFormat {

    public static final String NAME = "bigearthnet-v2";
    public static final String DATA_ASSET = "data";
    public static final String PREVIEW_ASSET = "preview";
    public static final String REFERENCE_MAP_ASSET = "reference_map";
    static final String S1_GROUP = "s1";
    static final String MAP_GROUP = "reference_map";
    static final String MAP_BAND = "reference_map";
    private static final String TIFF = "image/tiff; application=geotiff";

    private final IngestLimits limits;

    public BigEarthNetV2Format(IngestLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** v1's Sentinel-2 bands, then the parts the release has: Sentinel-1 (float32 backscatter) and the reference map. */
    static RasterModel model(List<String> parts) {
        List<Band> bands = new ArrayList<>(BigEarthNetFormat.RASTER.bands());
        List<BandGroup> groups = new ArrayList<>(BigEarthNetFormat.RASTER.groups());
        if (parts.contains(ReBenRelease.S1)) {
            bands.add(new Band("VV", null, null, 10.0, S1_GROUP, DataType.FLOAT32, null, null, null));
            bands.add(new Band("VH", null, null, 10.0, S1_GROUP, DataType.FLOAT32, null, null, null));
            groups.add(new BandGroup(S1_GROUP, DataType.FLOAT32, 120, 120, 10.0, List.of("VV", "VH")));
        }
        if (parts.contains(ReBenRelease.MAPS)) {
            bands.add(new Band(MAP_BAND, null, null, 10.0, MAP_GROUP, DataType.UINT16, null, null, null));
            groups.add(new BandGroup(MAP_GROUP, DataType.UINT16, 120, 120, 10.0, List.of(MAP_BAND)));
        }
        return new RasterModel(bands, groups, BigEarthNetFormat.RASTER.rgb());
    }

    @Override
    public NewCollection defaultCollection(String collectionId, Path source) throws IOException {
        ReBenRelease.requireRelease(source);
        RasterModel model = model(ReBenRelease.parts(source));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("providers", List.of(
                Map.of("name", "BigEarthNet (TU Berlin, Remote Sensing Image Analysis group)", "roles",
                        List.of("producer", "licensor"), "url", "https://bigearth.net"),
                Map.of("name", "Patchserve", "roles", List.of("host", "processor"))));
        extra.put("summaries", Map.of(
                "constellation", List.of("sentinel-1", "sentinel-2"),
                "platform", List.of("sentinel-2a", "sentinel-2b"),
                "gsd", List.of(10),
                "eo:bands", model.stacBands()));
        Map<String, Object> itemAssets = new LinkedHashMap<>();
        itemAssets.put(DATA_ASSET, Map.of("type", MediaTypes.HDF5, "roles", List.of("data"),
                "title", "Sentinel-2, Sentinel-1 and the reference map, (C, H, W) per group (HDF5)",
                "raster:bands", model.stacBands()));
        itemAssets.put(PREVIEW_ASSET, Map.of("type", MediaTypes.PNG, "roles", List.of("overview", "visual"),
                "title", "RGB preview (B04, B03, B02; 2-98 % stretch per patch)"));
        if (model.groups().stream().anyMatch(g -> g.name().equals(MAP_GROUP))) {
            itemAssets.put(REFERENCE_MAP_ASSET, Map.of("type", TIFF, "roles", List.of("labels"),
                    "title", "Reference map: CLC 2018 code per pixel (GeoTIFF as published)"));
        }
        extra.put("item_assets", itemAssets);
        extra.put(RasterModel.KEY, model);
        new LabelNomenclatures(Map.of(BigEarthNetFormat.LABELS_19, Nomenclature.CLASSES_19)).writeTo(extra);
        extra.put("sci:citation", "K. N. Clasen, L. Hackel, T. Burgert, G. Sumbul, B. Demir, V. Markl, \"reBEN: "
                + "Refined BigEarthNet Dataset for Remote Sensing Image Analysis\", IGARSS 2025.");
        return new NewCollection(collectionId,
                "BigEarthNet v2.0 (reBEN): Sentinel-1/2 multi-label patches with reference maps",
                "Pairs of Sentinel-2 L2A and Sentinel-1 patches (1.2 x 1.2 km) from ten European countries with "
                        + "19-class CORINE Land Cover 2018 labels ('labels_19') and a per-pixel reference map. "
                        + "'split' is the release's train/validation/test. Contains modified Copernicus Sentinel data.",
                "CDLA-Permissive-1.0",
                List.of("sentinel-2", "sentinel-1", "bigearthnet", "reben", "multi-label", "land cover", "corine",
                        "patches", "machine learning"),
                extra);
    }

    @Override
    public void walk(Path source, Path workDir, UnitSink sink) throws Exception {
        ReBenRelease release = ReBenRelease.open(source, workDir, limits.archive());
        RasterModel model = model(List.copyOf(release.roots.keySet()));
        // units read their files after the walk handed them out; the extracted parts stay until the last is released
        UnitLeases open = new UnitLeases();
        try {
            release.forEachRow(row -> {
                sink.accept(new PatchUnit(release, model, row, workDir, open.take()));
            });
        } finally {
            open.awaitAllReturned();
            release.close();
        }
    }

    private final class PatchUnit implements SourceUnit {
        private final ReBenRelease release;
        private final RasterModel model;
        private final ReBenRelease.Row row;
        private final Path workDir;
        private final UnitLeases.Lease lease;
        private WorkFiles work;

        PatchUnit(ReBenRelease release, RasterModel model, ReBenRelease.Row row, Path workDir, UnitLeases.Lease lease) {
            this.release = release;
            this.model = model;
            this.row = row;
            this.workDir = workDir;
            this.lease = lease;
        }

        @Override
        public String name() {
            return row.patchId() == null ? "(a row without patch_id)" : row.patchId();
        }

        @Override
        public String shardKey() {
            return name();
        }

        @Override
        public IngestEntry read() throws IOException {
            try {
                return readPatch();
            } catch (Invalid e) {
                return new Skipped(name(), e.getMessage());
            }
        }

        private IngestEntry readPatch() throws IOException, Invalid {
            if (row.patchId() == null) {
                throw new Invalid("the metadata row has no patch_id");
            }
            ReBenPatchName patch;
            try {
                patch = ReBenPatchName.parse(row.patchId());
            } catch (PatchName.InvalidNameException e) {
                throw new Invalid(e.getMessage());
            }
            List<String> unknown = row.labels().stream().filter(l -> !Nomenclature.CLASSES_19.contains(l)).toList();
            if (!unknown.isEmpty()) {
                throw new Invalid("labels name classes outside the 19-class nomenclature " + unknown);
            }
            Path s2 = release.roots.get(ReBenRelease.S2).resolve(patch.product()).resolve(patch.name());
            if (!Files.isDirectory(s2)) {
                throw new Invalid(ReBenRelease.S2 + "/" + patch.product() + "/" + patch.name() + " is not in the release"
                        + release.whyMissing(ReBenRelease.S2));
            }
            Map<String, TiffImage> images = new LinkedHashMap<>();
            for (Band band : BigEarthNetFormat.RASTER.bands()) {
                images.put(band.name(), readIn(ReBenRelease.S2, s2.resolve(patch.name() + "_" + band.name() + ".tif")));
            }
            TiffImage b02 = images.get("B02");
            if (b02.grid() == null || b02.epsg() == null) {
                throw new Invalid(patch.name() + "_B02.tif has no georeference (GeoTIFF transform and EPSG key)");
            }
            Projection projection;
            try {
                projection = Projection.forEpsg(b02.epsg());
            } catch (Projection.UnknownCrsException e) {
                throw new Invalid(e.getMessage());
            }
            GridGeometry finest = b02.grid();
            List<GroupRaster> groups = new ArrayList<>();
            for (BandGroup group : BigEarthNetFormat.RASTER.groups()) {
                groups.add(PatchTiffs.group(group, model, images, finest.resized(group.width(), group.height())));
            }
            Path referenceMap = null;
            if (release.roots.containsKey(ReBenRelease.S1)) {
                groups.add(s1Group(finest, images));
            }
            TreeSet<Integer> codes = new TreeSet<>();
            if (release.roots.containsKey(ReBenRelease.MAPS)) {
                referenceMap = release.roots.get(ReBenRelease.MAPS).resolve(patch.product()).resolve(patch.name())
                        .resolve(patch.name() + "_reference_map.tif");
                images.put(MAP_BAND, aligned(readIn(ReBenRelease.MAPS, referenceMap), finest, referenceMap));
                GroupRaster map = PatchTiffs.group(model.group(MAP_GROUP), model, images, finest);
                BandArray pixels = map.arrays().getFirst();
                for (int i = 0; i < pixels.length(); i++) {
                    codes.add((int) pixels.get(i));
                }
                groups.add(map);
            }

            work = WorkFiles.create(workDir, "bigearthnet-v2-");
            ItemFiles.write(work.file("data.h5"), projection, groups, Map.of("item", patch.name(), "source", "BigEarthNet v2.0"), model.bandNames());
            Rendering.writePreview(work.file("preview.png"), groups, model.rgb());
            Map<String, LocalAsset> assets = new LinkedHashMap<>();
            assets.put(DATA_ASSET, work.asset("data.h5", MediaTypes.HDF5, List.of("data"),
                    "Sentinel-2, Sentinel-1 and the reference map, (C, H, W) per group (HDF5)", patch.name() + ".h5", ".h5"));
            assets.put(PREVIEW_ASSET, work.asset("preview.png", MediaTypes.PNG, List.of("overview", "visual"),
                    "RGB preview (B04, B03, B02)", patch.name() + ".png", ".png"));
            if (referenceMap != null) {
                Files.copy(referenceMap, work.file("reference_map.tif"));
                assets.put(REFERENCE_MAP_ASSET, work.asset("reference_map.tif", TIFF, List.of("labels"),
                        "Reference map: CLC 2018 code per pixel", patch.name() + "_reference_map.tif", ".tif"));
            }

            Map<String, Object> props = new LinkedHashMap<>();
            props.put("constellation", "sentinel-2");
            props.put("platform", patch.platform());
            props.put("instruments", List.of("msi"));
            props.put("gsd", 10);
            props.put(BigEarthNetFormat.LABELS_19, Nomenclature.CLASSES_19.stream().filter(row.labels()::contains).toList());
            if (row.split() != null) {
                props.put(ItemFields.SPLIT, row.split());
            }
            props.put("bigearthnet:country", row.country());
            props.put("bigearthnet:s1_name", row.s1Name());
            props.put("bigearthnet:s2v1_name", row.s2v1Name());
            props.put("bigearthnet:contains_seasonal_snow", row.snow());
            props.put("bigearthnet:contains_cloud_or_shadow", row.cloudOrShadow());
            props.put("bigearthnet:tile", patch.mgrsTile());
            props.put("bigearthnet:patch_column", patch.column());
            props.put("bigearthnet:patch_row", patch.row());
            if (!codes.isEmpty()) {
                props.put("bigearthnet:clc_codes", List.copyOf(codes));
            }
            StacProjection.write(props, projection, finest);
            return new ItemDraft(name(), patch.name(), projection.footprint(finest, 4), patch.sensingStart(), null, null,
                    props, assets, new ItemPixels(row.split(), groups));
        }

        /** The paired Sentinel-1 patch, found through s1_name, on the Sentinel-2 10 m grid it is aligned to. */
        private GroupRaster s1Group(GridGeometry finest, Map<String, TiffImage> images) throws IOException, Invalid {
            if (row.s1Name() == null || row.s1Name().isBlank()) {
                throw new Invalid("the metadata row has no s1_name");
            }
            Path folder = release.roots.get(ReBenRelease.S1).resolve(ReBenPatchName.s1Product(row.s1Name()))
                    .resolve(row.s1Name());
            if (!Files.isDirectory(folder)) {
                throw new Invalid(ReBenRelease.S1 + "/" + ReBenPatchName.s1Product(row.s1Name()) + "/" + row.s1Name()
                        + " is not in the release" + release.whyMissing(ReBenRelease.S1));
            }
            for (String band : List.of("VV", "VH")) {
                Path tif = folder.resolve(row.s1Name() + "_" + band + ".tif");
                images.put(band, aligned(readIn(ReBenRelease.S1, tif), finest, tif));
            }
            return PatchTiffs.group(model.group(S1_GROUP), model, images, finest);
        }

        private TiffImage readIn(String part, Path tif) throws IOException, Invalid {
            try {
                return PatchTiffs.read(tif, limits.pixels());
            } catch (Invalid e) {
                throw new Invalid(e.getMessage() + (Files.exists(tif) ? "" : release.whyMissing(part)));
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

    /** A 10 m raster that must sit on the Sentinel-2 grid: its own georeference, when it has one, within a tenth of a pixel. */
    private static TiffImage aligned(TiffImage image, GridGeometry finest, Path file) throws Invalid {
        GridGeometry grid = image.grid();
        if (grid == null) {
            return image;
        }
        double[] a = grid.transform(), b = finest.transform();
        double tolerance = Math.abs(b[1]) / 10;
        for (int i = 0; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance) {
                throw new Invalid(file.getFileName() + " is not on the Sentinel-2 10 m grid of its patch (geotransform "
                        + java.util.Arrays.toString(a) + " vs " + java.util.Arrays.toString(b) + ")");
            }
        }
        return image;
    }
}
