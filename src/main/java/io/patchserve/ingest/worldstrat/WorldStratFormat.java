package io.patchserve.ingest.worldstrat;

import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.DatasetFormat;
import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.IngestLimits;
import io.patchserve.ingest.ItemDraft;
import io.patchserve.ingest.LocalAsset;
import io.patchserve.ingest.Skipped;
import io.patchserve.ingest.SourceUnit;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.Sentinel2;
import io.patchserve.raster.StacProjection;
import io.patchserve.raster.hdf5.ItemFiles;
import io.patchserve.raster.png.Rendering;
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
import java.util.stream.Stream;

/**
 * WorldStrat (worldstrat/worldstrat): per area of interest, SPOT high-resolution images under
 * {@code hr_dataset/<AOI>/} and Sentinel-2 revisits under {@code lr_dataset/<AOI>/{L2A,L1C}/}, with the release's
 * {@code metadata.csv} (each revisit's date) and {@code stratified_train_val_test_split.csv} (classes, split).
 * One item per area: the HR images as groups without time, the revisits as (T, C, H, W) groups dated per step
 * ({@link AreaFiles} finds and reads them), the stratification as properties. The item's CRS and footprint are
 * the first L2A revisit's; an HR image without a geotransform (as the SPOT downloader writes them) covers the same
 * extent, so each SR pair lines up.
 */
@ApplicationScoped
public class WorldStratFormat implements DatasetFormat {

    public static final String NAME = "worldstrat";
    public static final String DATA_ASSET = "data";
    public static final String PREVIEW_ASSET = "preview";
    /** Sentinel-2 bands of the L2A product, in file order; L1C adds B10 after B09. */
    static final List<String> L2A_BANDS = List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12");
    static final List<String> L1C_BANDS = List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");

    public static final RasterModel RASTER = model();

    private static RasterModel model() {
        List<Band> bands = new ArrayList<>();
        List<BandGroup> groups = new ArrayList<>();
        List<String> spot = List.of("red", "green", "blue", "nir");
        double[] spotWavelengths = {0.66, 0.56, 0.49, 0.82};
        group(bands, groups, "ps", DataType.UINT16, 1.5, false, spot.stream().map(c -> "ps_" + c).toList(), spot, spotWavelengths);
        group(bands, groups, "pan", DataType.UINT16, 1.5, false, List.of("pan"), List.of("pan"), new double[]{0.66});
        group(bands, groups, "rgbn", DataType.UINT16, 6.0, false, spot.stream().map(c -> "rgbn_" + c).toList(), spot, spotWavelengths);
        group(bands, groups, "ps_8bit", DataType.UINT8, 1.5, false, spot.stream().map(c -> "ps8_" + c).toList(), spot, spotWavelengths);
        group(bands, groups, "pan_8bit", DataType.UINT8, 1.5, false, List.of("pan8"), List.of("pan"), new double[]{0.66});
        group(bands, groups, "l2a", DataType.FLOAT32, 10.0, true, L2A_BANDS, Sentinel2.commonNames(L2A_BANDS),
                Sentinel2.wavelengths(L2A_BANDS));
        groups.set(groups.size() - 1, withMask(groups.getLast(), "CLM")); // L2A's own cloud mask, revisit by revisit
        group(bands, groups, "l2a_clm", DataType.UINT8, 10.0, true, List.of("CLM"), java.util.Collections.singletonList(null),
                new double[]{Double.NaN});
        group(bands, groups, "l1c", DataType.FLOAT32, 10.0, true, L1C_BANDS.stream().map(b -> "L1C_" + b).toList(),
                Sentinel2.commonNames(L1C_BANDS), Sentinel2.wavelengths(L1C_BANDS));
        return new RasterModel(bands, groups, List.of("ps_red", "ps_green", "ps_blue"));
    }

    private static BandGroup withMask(BandGroup g, String mask) {
        return new BandGroup(g.name(), g.dataType(), g.width(), g.height(), g.gsd(), g.bands(), g.time(), mask);
    }

    private static void group(List<Band> bands, List<BandGroup> groups, String name, DataType type, double gsd, boolean timed,
                              List<String> names, List<String> commonNames, double[] wavelengths) {
        for (int i = 0; i < names.size(); i++) {
            bands.add(new Band(names.get(i), commonNames.get(i), Double.isNaN(wavelengths[i]) ? null : wavelengths[i], gsd,
                    name, type, null, null, null));
        }
        groups.add(new BandGroup(name, type, null, null, gsd, names, timed ? Boolean.TRUE : null));
    }

    private final IngestLimits limits;

    public WorldStratFormat(IngestLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NewCollection defaultCollection(String collectionId, Path source) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("providers", List.of(
                Map.of("name", "WorldStrat (Cornebise, Oršolić, Kalaitzis)", "roles", List.of("producer", "licensor"),
                        "url", "https://worldstrat.github.io"),
                Map.of("name", "Patchserve", "roles", List.of("host", "processor"))));
        extra.put("summaries", Map.of("constellation", List.of("spot", "sentinel-2"), "gsd", List.of(1.5, 6.0, 10.0),
                "eo:bands", RASTER.stacBands()));
        extra.put("item_assets", Map.of(
                DATA_ASSET, Map.of("type", MediaTypes.HDF5, "roles", List.of("data"), "title", DATA_TITLE,
                        "raster:bands", RASTER.stacBands()),
                PREVIEW_ASSET, Map.of("type", MediaTypes.PNG, "roles", List.of("overview", "visual"),
                        "title", "Pansharpened SPOT RGB (2-98 % stretch per area)")));
        extra.put(RasterModel.KEY, RASTER);
        extra.put("sci:citation", "J. Cornebise, I. Oršolić, F. Kalaitzis, \"Open High-Resolution Satellite Imagery: The "
                + "WorldStrat Dataset -- With Application to Super-Resolution\", NeurIPS 2022 Datasets and Benchmarks.");
        return new NewCollection(collectionId, "WorldStrat: SPOT high-resolution images with Sentinel-2 revisits",
                "Areas of interest stratified by land use (IPCC class, SMOD settlement class), each with one SPOT 6/7 "
                        + "acquisition (pansharpened 1.5 m, panchromatic 1.5 m, RGBN 6 m) and up to 16 Sentinel-2 "
                        + "revisits (L2A with cloud masks, L1C) as time series, for multi-frame super-resolution. "
                        + "Contains modified Copernicus Sentinel data.",
                "CC-BY-4.0", List.of("worldstrat", "spot", "sentinel-2", "super-resolution", "time series", "patches",
                "machine learning"), extra);
    }

    static final String DATA_TITLE = "SPOT images (C, H, W) and Sentinel-2 revisits (T, C, H, W), one dataset per product (HDF5)";

    @Override
    public void walk(Path source, Path workDir, UnitSink sink) throws Exception {
        Path lr = source.resolve("lr_dataset");
        if (!Files.isDirectory(lr)) {
            throw new IOException(NAME + " reads a release folder with lr_dataset/ (and hr_dataset/, metadata.csv); "
                    + source + " has no lr_dataset folder");
        }
        WorldStratRelease release = WorldStratRelease.read(source);
        List<String> areas;
        try (Stream<Path> folders = Files.list(lr)) {
            areas = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String area : areas) {
            sink.accept(new AreaUnit(area, new AreaFiles(source, area, limits.pixels()), release, workDir));
        }
    }

    private static final class AreaUnit implements SourceUnit {
        private final String area;
        private final AreaFiles files;
        private final WorldStratRelease release;
        private final Path workDir;
        private WorkFiles work;

        AreaUnit(String area, AreaFiles files, WorldStratRelease release, Path workDir) {
            this.area = area;
            this.files = files;
            this.release = release;
            this.workDir = workDir;
        }

        @Override
        public String name() {
            return "lr_dataset/" + area;
        }

        @Override
        public IngestEntry read() throws IOException {
            try {
                return readArea();
            } catch (AreaFiles.Invalid e) {
                return new Skipped(name(), e.getMessage());
            }
        }

        private IngestEntry readArea() throws IOException, AreaFiles.Invalid {
            String unreadable = release.unreadable(area);
            if (unreadable != null) {
                throw new AreaFiles.Invalid(unreadable);
            }
            Map<Integer, WorldStratRelease.Revisit> dated = release.revisits(area);
            AreaFiles.Series l2a = files.series("L2A", "L2A_data", RASTER.group("l2a"), dated);
            AreaFiles.Series clm = files.masks(l2a, RASTER.group("l2a_clm"));
            AreaFiles.Series l1c = files.optionalSeries("L1C", "L1C_data", RASTER.group("l1c"), dated);

            Projection projection = l2a.projection();
            GridGeometry lrGrid = l2a.grid();
            List<GroupRaster> groups = new ArrayList<>();
            for (String hr : List.of("ps", "pan", "rgbn", "ps_8bit", "pan_8bit")) {
                files.highResolution(RASTER.group(hr), RASTER, lrGrid, l2a.epsg()).ifPresent(groups::add);
            }
            groups.add(l2a.raster(RASTER));
            groups.add(clm.raster(RASTER));
            if (l1c != null) {
                groups.add(l1c.raster(RASTER));
            }
            GridGeometry finest = groups.getFirst().grid();
            List<String> rgb = groups.getFirst().group().name().equals("ps") ? RASTER.rgb() : List.of("B04", "B03", "B02");

            work = WorkFiles.create(workDir, "worldstrat-");
            ItemFiles.write(work.file("data.h5"), projection, groups, Map.of("item", area, "source", "WorldStrat"),
                    RASTER.bandNames());
            Rendering.writePreview(work.file("preview.png"), groups, rgb);
            Map<String, LocalAsset> assets = new LinkedHashMap<>();
            String fileName = area.replace('/', '_');
            assets.put(DATA_ASSET, work.asset("data.h5", MediaTypes.HDF5, List.of("data"), DATA_TITLE, fileName + ".h5", ".h5"));
            assets.put(PREVIEW_ASSET, work.asset("preview.png", MediaTypes.PNG, List.of("overview", "visual"),
                    rgb.equals(RASTER.rgb()) ? "Pansharpened SPOT RGB" : "Sentinel-2 RGB of the first revisit",
                    fileName + ".png", ".png"));

            Map<String, Object> props = new LinkedHashMap<>();
            props.put("constellation", "sentinel-2");
            props.put("gsd", groups.getFirst().group().gsd());
            WorldStratRelease.Stratum stratum = release.stratum(area);
            if (stratum != null) {
                if (stratum.split() != null) {
                    props.put(ItemFields.SPLIT, stratum.split());
                }
                putIfPresent(props, "worldstrat:ipcc_class", stratum.ipccClass());
                putIfPresent(props, "worldstrat:smod", stratum.smod());
                putIfPresent(props, "worldstrat:source", stratum.source());
                putIfPresent(props, "worldstrat:joint_class", stratum.jointClass());
            }
            putIfPresent(props, "worldstrat:highres_date", l2a.highResDate());
            props.put("worldstrat:revisits", l2a.steps().size());
            Map<String, Object> steps = new LinkedHashMap<>();
            steps.put("l2a", l2a.stepProperties(clm));
            steps.put("l2a_clm", clm.stepProperties(null)); // the masks' own steps: stacks and crops lay their axis out from them
            if (l1c != null) {
                steps.put("l1c", l1c.stepProperties(null));
            }
            props.put(ItemFields.STEPS, steps);
            StacProjection.write(props, projection, finest);
            String split = stratum == null ? null : stratum.split();
            return new ItemDraft(name(), area, projection.footprint(lrGrid, 4), null, l2a.first(), l2a.last(), props, assets,
                    new ItemPixels(split, groups));
        }

        @Override
        public void release() {
            if (work != null) {
                work.delete();
            }
        }
    }

    private static void putIfPresent(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
