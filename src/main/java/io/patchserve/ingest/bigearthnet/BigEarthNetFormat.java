package io.patchserve.ingest.bigearthnet;

import io.patchserve.ingest.IngestLimits;
import io.patchserve.ingest.bigearthnet.PatchTiffs.Invalid;

import io.patchserve.stac.MediaTypes;

import io.patchserve.catalog.LabelNomenclatures;
import io.patchserve.catalog.ItemFields;
import io.patchserve.raster.StacProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.DatasetFormat;
import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.ItemDraft;
import io.patchserve.ingest.LocalAsset;
import io.patchserve.ingest.Skipped;
import io.patchserve.ingest.SourceUnit;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.png.Rendering;
import io.patchserve.raster.hdf5.ItemFiles;
import io.patchserve.raster.tiff.TiffImage;
import io.patchserve.stats.ItemPixels;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * BigEarthNet-S2 v1: one folder per patch holding twelve single-band GeoTIFFs ({@code {patch}_B01.tif} ...
 * {@code _B12.tif}, uint16, UTM; 120 x 120 px at 10 m, 60 x 60 at 20 m, 20 x 20 at 60 m) and
 * {@code {patch}_labels_metadata.json} (43-class labels, corner coordinates, projection WKT, tile source,
 * acquisition date). The official lists at the release root, when present, become item properties (see
 * {@link ReleaseLists}): the splits and the patches with seasonal snow or with cloud or shadow.
 * Each patch becomes one item with a canonical HDF5 (three band groups) and a PNG preview.
 */
@ApplicationScoped
public class BigEarthNetFormat implements DatasetFormat {

    public static final String NAME = "bigearthnet";
    public static final String DATA_ASSET = "data";
    public static final String PREVIEW_ASSET = "preview";
    private static final String METADATA_SUFFIX = "_labels_metadata.json";
    /** The item properties of the 43-class labels (as the release names them) and of their 19-class conversion. */
    public static final String LABELS_43 = "labels";
    public static final String LABELS_19 = "labels_19";
    private static final String ACQUISITION_DATE = "acquisition_date";
    private static final Pattern ACQUISITION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{1,2}):(\\d{2}):(\\d{2})");

    public static final RasterModel RASTER = new RasterModel(List.of(
            band("B01", "coastal", 0.443, 60, "60m"),
            band("B02", "blue", 0.490, 10, "10m"),
            band("B03", "green", 0.560, 10, "10m"),
            band("B04", "red", 0.665, 10, "10m"),
            band("B05", "rededge", 0.704, 20, "20m"),
            band("B06", "rededge", 0.740, 20, "20m"),
            band("B07", "rededge", 0.783, 20, "20m"),
            band("B08", "nir", 0.842, 10, "10m"),
            band("B8A", "nir08", 0.865, 20, "20m"),
            band("B09", "nir09", 0.945, 60, "60m"),
            band("B11", "swir16", 1.610, 20, "20m"),
            band("B12", "swir22", 2.190, 20, "20m")),
            List.of(new BandGroup("10m", DataType.UINT16, 120, 120, 10.0, List.of("B02", "B03", "B04", "B08")),
                    new BandGroup("20m", DataType.UINT16, 60, 60, 20.0, List.of("B05", "B06", "B07", "B8A", "B11", "B12")),
                    new BandGroup("60m", DataType.UINT16, 20, 20, 60.0, List.of("B01", "B09"))),
            List.of("B04", "B03", "B02"));

    private static Band band(String name, String common, double wavelength, double gsd, String group) {
        return new Band(name, common, wavelength, gsd, group, DataType.UINT16, null, 0.0001, null);
    }

    private final ObjectMapper mapper;

    private final IngestLimits limits;

    public BigEarthNetFormat(ObjectMapper mapper, IngestLimits limits) {
        this.mapper = mapper;
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
                Map.of("name", "BigEarthNet (TU Berlin, Remote Sensing Image Analysis group)", "roles", List.of("producer", "licensor"),
                        "url", "https://bigearth.net"),
                Map.of("name", "Patchserve", "roles", List.of("host", "processor"))));
        extra.put("summaries", Map.of(
                "constellation", List.of("sentinel-2"),
                "platform", List.of("sentinel-2a", "sentinel-2b"),
                "instruments", List.of("msi"),
                "gsd", List.of(10),
                "eo:bands", RASTER.stacBands()));
        extra.put("item_assets", Map.of(
                DATA_ASSET, Map.of("type", MediaTypes.HDF5, "roles", List.of("data"),
                        "title", "All 12 bands, (C, H, W) per resolution group (HDF5)",
                        "eo:bands", RASTER.stacBands(), "raster:bands", RASTER.stacBands()),
                PREVIEW_ASSET, Map.of("type", MediaTypes.PNG, "roles", List.of("overview", "visual"),
                        "title", "RGB preview (B04, B03, B02; 2-98 % stretch per patch)")));
        extra.put(RasterModel.KEY, RASTER);
        Map<String, List<String>> nomenclatures = new LinkedHashMap<>();
        nomenclatures.put(LABELS_43, Nomenclature.CLASSES_43);
        nomenclatures.put(LABELS_19, Nomenclature.CLASSES_19);
        new LabelNomenclatures(nomenclatures).writeTo(extra);
        extra.put("sci:citation", "G. Sumbul, M. Charfuelan, B. Demir, V. Markl, \"BigEarthNet: A Large-Scale Benchmark "
                + "Archive for Remote Sensing Image Understanding\", IGARSS 2019.");
        return new NewCollection(collectionId,
                "BigEarthNet-S2 v1: Sentinel-2 multi-label patches",
                "590,326 Sentinel-2 L2A patches (1.2 x 1.2 km, 12 bands at 10/20/60 m) from ten European countries, "
                        + "each labelled with CORINE Land Cover classes: 'labels' holds the original 43-class names and "
                        + "'labels_19' the 19-class nomenclature; the class order for multi-hot encoding is in "
                        + "'patchserve:classes'. Contains modified Copernicus Sentinel data.",
                "CDLA-Permissive-1.0",
                List.of("sentinel-2", "msi", "bigearthnet", "multi-label", "land cover", "corine", "patches", "machine learning"),
                extra);
    }

    @Override
    public void walk(Path source, Path workDir, UnitSink sink) throws Exception {
        if (!Files.isDirectory(source)) {
            throw new IOException(NAME + " reads a folder of patch folders; " + source + " is not a folder");
        }
        ReleaseLists lists = ReleaseLists.read(source);
        List<Path> patchFolders;
        try (Stream<Path> files = Files.walk(source, 3)) {
            patchFolders = files.filter(p -> p.getFileName().toString().endsWith(METADATA_SUFFIX))
                    .map(Path::getParent).distinct().sorted().toList();
        }
        sink.expect(patchFolders.size());
        for (Path folder : patchFolders) {
            String name = source.relativize(folder).toString().replace('\\', '/');
            sink.accept(new PatchUnit(name, folder, workDir, lists));
        }
    }

    private final class PatchUnit implements SourceUnit {
        private final String name;
        private final Path folder;
        private final Path workDir;
        private final ReleaseLists lists;
        private final String split;
        private WorkFiles work;

        PatchUnit(String name, Path folder, Path workDir, ReleaseLists lists) {
            this.name = name;
            this.folder = folder;
            this.workDir = workDir;
            this.lists = lists;
            this.split = lists.split(folder.getFileName().toString());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public IngestEntry read() throws IOException {
            String patch = folder.getFileName().toString();
            try {
                return readPatch(patch);
            } catch (Invalid e) {
                return new Skipped(name, e.getMessage());
            }
        }

        private IngestEntry readPatch(String patch) throws IOException, Invalid {
            PatchName patchName;
            try {
                patchName = PatchName.parse(patch);
            } catch (PatchName.InvalidNameException e) {
                throw new Invalid(e.getMessage());
            }
            JsonNode meta = readMetadata(folder.resolve(patch + METADATA_SUFFIX));
            List<String> labels = new ArrayList<>();
            meta.path("labels").forEach(l -> labels.add(l.asText()));
            List<String> unknown = Nomenclature.unknown(labels);
            if (!unknown.isEmpty()) {
                throw new Invalid("labels name unknown classes " + unknown);
            }

            Map<String, TiffImage> images = new LinkedHashMap<>();
            for (Band band : RASTER.bands()) {
                images.put(band.name(), PatchTiffs.read(folder.resolve(patch + "_" + band.name() + ".tif"), limits.pixels()));
            }
            Projection projection = projection(images.get("B02"), meta);
            GridGeometry finest = finestGrid(images.get("B02"), meta);

            List<GroupRaster> groups = new ArrayList<>();
            for (BandGroup group : RASTER.groups()) {
                groups.add(PatchTiffs.group(group, RASTER, images, finest.resized(group.width(), group.height())));
            }

            work = WorkFiles.create(workDir, "bigearthnet-");
            ItemFiles.write(work.file("data.h5"), projection, groups, Map.of("item", patch, "source", "BigEarthNet-S2 v1"), RASTER.bandNames());
            Rendering.writePreview(work.file("preview.png"), groups, RASTER.rgb());
            Map<String, LocalAsset> assets = new LinkedHashMap<>();
            assets.put(DATA_ASSET, work.asset("data.h5", MediaTypes.HDF5, List.of("data"),
                    "All 12 bands, (C, H, W) per resolution group (HDF5)", patch + ".h5", ".h5"));
            assets.put(PREVIEW_ASSET, work.asset("preview.png", MediaTypes.PNG, List.of("overview", "visual"),
                    "RGB preview (B04, B03, B02)", patch + ".png", ".png"));

            java.time.Instant datetime = acquisition(meta, patchName);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("constellation", "sentinel-2");
            props.put("platform", patchName.platform());
            props.put("instruments", List.of("msi"));
            props.put("gsd", 10);
            props.put(LABELS_43, labels);
            props.put(LABELS_19, Nomenclature.to19(labels));
            if (split != null) {
                props.put(ItemFields.SPLIT, split);
            }
            lists.flags(patch).forEach(props::put);
            props.put("bigearthnet:tile_source", meta.path("tile_source").asText(null));
            // as written: the release has seconds 60 and 61 here and in names, which the datetime clamps to 59
            props.put("bigearthnet:acquisition_date", meta.path(ACQUISITION_DATE).asText(null));
            props.put("bigearthnet:patch_column", patchName.column());
            props.put("bigearthnet:patch_row", patchName.row());
            StacProjection.write(props, projection, finest);
            return new ItemDraft(name, patch, projection.footprint(finest, 4), datetime, null, null, props, assets,
                    new ItemPixels(split, groups));
        }

        private JsonNode readMetadata(Path file) throws Invalid {
            if (Files.isSymbolicLink(file)) {
                throw new Invalid(file.getFileName() + ": links are not followed (a release's files must be its own)");
            }
            try {
                JsonNode meta = mapper.readTree(file.toFile());
                if (meta == null || !meta.path("labels").isArray()) {
                    throw new Invalid(file.getFileName() + " has no 'labels' array");
                }
                return meta;
            } catch (IOException e) {
                throw new Invalid(file.getFileName() + " is not valid JSON: " + e.getMessage());
            }
        }

        @Override
        public void release() {
            if (work != null) {
                work.delete();
            }
        }
    }

    /** The CRS from the GeoTIFF's EPSG key, checked against the metadata's WKT; the WKT alone when the file has no key. */
    private static Projection projection(TiffImage b02, JsonNode meta) throws Invalid {
        String wkt = meta.path("projection").asText("");
        try {
            Projection fromWkt = wkt.isBlank() ? null : Projection.fromWkt(wkt);
            Projection fromTiff = b02.epsg() == null ? null : Projection.forEpsg(b02.epsg());
            if (fromTiff != null && fromWkt != null && !fromTiff.sameAs(fromWkt)) {
                throw new Invalid("the GeoTIFF's CRS (EPSG:" + b02.epsg() + ") differs from the metadata's projection");
            }
            if (fromTiff != null) {
                return fromTiff;
            }
            if (fromWkt != null) {
                return fromWkt;
            }
            throw new Invalid("no CRS: neither a GeoTIFF EPSG key nor a projection in the metadata");
        } catch (Projection.UnknownCrsException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /** The 10 m grid from the GeoTIFF, or from the metadata's corner coordinates when the file has no georeference. */
    private static GridGeometry finestGrid(TiffImage b02, JsonNode meta) throws Invalid {
        int w = b02.pixels().width(), h = b02.pixels().height();
        if (b02.grid() != null) {
            return b02.grid();
        }
        JsonNode c = meta.path("coordinates");
        if (!c.has("ulx") || !c.has("uly") || !c.has("lrx") || !c.has("lry")) {
            throw new Invalid("no georeference: B02 has no GeoTIFF tags and the metadata no coordinates");
        }
        double ulx = c.get("ulx").asDouble(), uly = c.get("uly").asDouble();
        return new GridGeometry(w, h, new double[]{ulx, (c.get("lrx").asDouble() - ulx) / w, 0,
                uly, 0, (c.get("lry").asDouble() - uly) / h});
    }

    /** The metadata's acquisition_date ("YYYY-MM-DD HH:MM:SS", seconds 60/61 clamped to 59), else the name's. */
    private static java.time.Instant acquisition(JsonNode meta, PatchName name) throws Invalid {
        String text = meta.path(ACQUISITION_DATE).asText("");
        if (text.isEmpty()) {
            return name.sensingStart();
        }
        Matcher m = ACQUISITION.matcher(text);
        try {
            if (m.matches()) {
                return PatchName.utc(LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)));
            }
        } catch (DateTimeException e) {
            // refused below, with the text
        }
        throw new Invalid(ACQUISITION_DATE + " '" + text + "' is not 'YYYY-MM-DD HH:MM:SS'");
    }
}
