package io.patchserve.crop;

import io.patchserve.raster.geotiff.CloudOptimizedGeoTiff;
import io.patchserve.raster.npy.NpyWriter;
import io.patchserve.raster.geotiff.GeoTiffWriter;
import io.patchserve.raster.DataType;

import io.patchserve.stac.MediaTypes;

import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.RasterModels;
import io.patchserve.catalog.ItemStore;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.config.CropConfig;
import io.patchserve.config.TempConfig;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import io.patchserve.http.Download;
import io.patchserve.stats.BandSeries;
import io.patchserve.http.EntityTags;
import io.patchserve.http.TemporaryFileDownload;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.hdf5.ItemFiles;
import io.patchserve.raster.png.Rendering;
import io.patchserve.storage.Digests;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandStack;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.StacProjection;
import io.patchserve.raster.png.PngRaster;
import io.patchserve.stats.StatisticsService;
import io.patchserve.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts a window out of an item's bands and resamples it onto one output grid (nearest neighbour: with the
 * window's own size, every output pixel is a source pixel, coarser bands repeated onto the finest grid).
 * Windows count in pixels of the item's finest grid; a bbox is transformed into that grid. Validation happens
 * here, before any byte is written, so bad requests get a 4xx and never a cut-off body.
 */
@ApplicationScoped
public class CropService {

    private final RasterModels models;
    private final ItemStore items;
    private final ObjectStore store;
    private final ItemDataCache cache;
    private final StatisticsService statistics;
    private final CropConfig config;
    private final TempConfig temp;

    public CropService(RasterModels models, ItemStore items, ObjectStore store, ItemDataCache cache,
                       StatisticsService statistics, CropConfig config, TempConfig temp) {
        this.models = models;
        this.items = items;
        this.store = store;
        this.cache = cache;
        this.statistics = statistics;
        this.config = config;
        this.temp = temp;
    }

    /** Writes the crop as a PNG (1 or 3 bands rescaled to bytes, nodata transparent). */
    public void writePng(Crop crop, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        Rendering.writePng(buffered, crop.arrays(), crop.bands(), crop.ranges(), pngLevel(crop));
        buffered.flush();
    }

    /**
     * The deflate level for this crop's PNG: the configured one, except that an upsampled crop (every source pixel
     * repeated) gets level 1 instead of Huffman-only, since repeats are what LZ matching removes.
     */
    int pngLevel(Crop crop) {
        boolean upsampled = crop.width() > crop.window()[2] || crop.height() > crop.window()[3];
        return config.pngLevel() == 0 && upsampled ? 1 : config.pngLevel();
    }

    /** The crop's raw values as CF-georeferenced HDF5, in a temporary file that is deleted once it is sent. */
    public Download hdf5(Crop crop, String collectionId) throws IOException {
        if (crop.groups() != null) {
            return temporary(crop, "h5", MediaTypes.HDF5, file -> ItemFiles.write(file, crop.projection(), crop.groups(),
                    labels(crop, collectionId), crop.bands().stream().map(Band::name).toList()));
        }
        List<BandArray> arrays = widened(crop.arrays());
        BandGroup group = new BandGroup("data", arrays.getFirst().type(), crop.width(), crop.height(),
                crop.grid() == null ? null : Math.abs(crop.grid().transform()[1]),
                crop.bands().stream().map(Band::name).toList());
        GridGeometry grid = crop.grid() != null ? crop.grid()
                : new GridGeometry(crop.width(), crop.height(), new double[]{0, 1, 0, 0, 0, 1});
        return temporary(crop, "h5", MediaTypes.HDF5, file -> ItemFiles.write(file, crop.projection(),
                List.of(new GroupRaster(group, grid, crop.bands(), arrays)), labels(crop, collectionId)));
    }

    /**
     * The crop's raw values as one (C, H, W) NumPy array (.npy), in a temporary file that is deleted once it is
     * sent: what {@code numpy.load(io.BytesIO(body))} gives a training loop, byte-stable for ETags and ranges.
     */
    public Download npy(Crop crop) throws IOException {
        List<BandArray> arrays = widened(crop.arrays());
        return temporary(crop, "npy", MediaTypes.NPY, file -> {
            try (OutputStream out = buffered(file)) {
                NpyWriter.write(out, arrays);
            }
        });
    }

    /**
     * The crop's raw values as a GeoTIFF in the item's CRS and on the crop's grid (deflate), in a temporary file
     * that is deleted once it is sent; items without georeference have none to give (400).
     */
    public Download geotiff(Crop crop) throws IOException {
        if (crop.grid() == null || crop.projection() == null) {
            throw ApiException.badRequest("item '" + crop.itemId() + "' has no georeference; use crop.h5 or crop.png");
        }
        List<BandArray> arrays = widened(crop.arrays());
        DataType type = arrays.getFirst().type();
        if (CloudOptimizedGeoTiff.canName(crop.projection())) {
            return temporary(crop, "tif", MediaTypes.COG, file -> {
                try (OutputStream out = buffered(file)) {
                    CloudOptimizedGeoTiff.write(out, crop.projection(), crop.grid(), crop.bands(), arrays);
                }
            });
        }
        if (!GeoTiffWriter.supports(type)) {
            throw ApiException.badRequest("crop.tif cannot hold " + type.id() + " bands in this CRS; use crop.h5");
        }
        return temporary(crop, "tif", MediaTypes.GEOTIFF, file -> GeoTiffWriter.write(file, crop.projection(), crop.grid(), arrays));
    }

    /** Writes one output into a file that does not exist yet. */
    private interface OutputFile {
        void write(Path file) throws IOException;
    }

    /**
     * An output of {@code crop} written to a new temporary file, sent as {@code <item>-crop.<extension>} with a
     * strong ETag of its bytes and deleted once sent; a write that fails leaves no file behind.
     */
    private Download temporary(Crop crop, String extension, String type, OutputFile output) throws IOException {
        Path file = Files.createDirectories(temp.dir()).resolve("patchserve-crop-" + java.util.UUID.randomUUID() + "." + extension);
        try {
            output.write(file);
            return new TemporaryFileDownload(file, type, crop.itemId() + "-crop." + extension,
                    EntityTags.strong(extension + "-" + Digests.sha256Hex(file)), Map.of());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static OutputStream buffered(Path file) throws IOException {
        return new java.io.BufferedOutputStream(Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW), 1 << 16);
    }

    /**
     * Bands of one type as they are; bands of several types (a whole BigEarthNet v2 or MMEarth item: uint16
     * reflectances beside float32 backscatter) widened to {@link DataType#common}. A GeoTIFF, an HDF5 dataset and
     * an .npy array each have one sample type.
     */
    static List<BandArray> widened(List<BandArray> arrays) {
        DataType common = DataType.common(arrays.stream().map(BandArray::type).toList());
        return arrays.stream().map(a -> a.as(common)).toList();
    }

    /** Plans and reads a crop under {@code output}'s band rules (PNG: 1 or 3 bands and rescale; HDF5: one type). */
    public Crop crop(String collectionId, String itemId, CropParameters p, CropOutput output) {
        boolean forPng = output == CropOutput.PNG;
        models.of(collectionId); // an unknown collection is 404 before its items are looked at
        ItemRow item = items.require(collectionId, itemId);
        StoredAsset asset = dataAsset(itemId, item.assets());
        RasterModel model = rasterModel(collectionId, itemId, item.assets());
        List<Band> bands = bands(model, p, output);
        if (!forPng && !p.rescale().isEmpty()) {
            throw ApiException.badRequest("crop.h5, crop.tif and crop.npy return raw values; rescale applies to crop.png only");
        }
        // an output size asked for outright is checked before the item's data is read
        requireWithinLimit(p.width() == null ? 1 : p.width(), p.height() == null ? 1 : p.height(), bands.size());
        ItemData data = load(asset, model);
        for (Band b : bands) {
            requireBand(data, itemId, b.name());
        }
        int[] finest = finestSize(model, data);
        Optional<StacProjection> placed = StacProjection.read(item.properties());
        GridGeometry georef = placed.map(proj -> proj.grid(finest[0], finest[1])).orElse(null);
        Projection projection = placed.map(StacProjection::crs).orElse(null);
        int[] window = window(p, finest, georef, projection, itemId);
        Map<String, List<Integer>> steps = steps(model, data, bands, p.time(), itemId, item.properties());
        if (output == CropOutput.HDF5 && !steps.isEmpty()) {
            List<GroupRaster> groups = overTime(model, data, bands, steps, p, finest, window, georef);
            GridGeometry grid = georef == null ? null : georef.window(window[0], window[1], window[2], window[3], window[2], window[3]);
            return new Crop(itemId, bands, List.of(), grid, projection, List.of(), window, groups);
        }
        int[] out = outputSize(p, window, bands.size());

        List<BandArray> arrays = new ArrayList<>();
        for (Band b : bands) {
            List<Integer> at = steps.get(b.group());
            if (at != null && at.size() != 1) {
                throw ApiException.badRequest(output.route() + " holds one step of bands over time; " + p.time().describe() + " gives " + at.size()
                        + " steps of " + b.group() + " (choose one with step=N or a datetime instant; crop.h5 returns them all)");
            }
            arrays.add(resample(data, b.name(), at == null ? 0 : at.getFirst(), finest, window, out[0], out[1]));
        }
        List<double[]> ranges = forPng ? ranges(collectionId, bands, p.rescale()) : List.of();
        GridGeometry grid = georef == null ? null : georef.window(window[0], window[1], window[2], window[3], out[0], out[1]);
        return new Crop(itemId, bands, arrays, grid, projection, ranges, window);
    }

    /** The chosen steps of each group with a time axis among {@code bands}; a time choice without such a band is a 400. */
    private static Map<String, List<Integer>> steps(RasterModel model, ItemData data, List<Band> bands, TimeSelection time,
                                                    String itemId, com.fasterxml.jackson.databind.JsonNode properties) {
        Map<String, List<Integer>> out = new java.util.LinkedHashMap<>();
        for (Band b : bands) {
            if (data.timed(b.name()) && !out.containsKey(b.group())) {
                out.put(b.group(), time.steps(itemId, b.group(), data.times(b.name()), properties));
            }
        }
        if (out.isEmpty() && !time.all()) {
            throw ApiException.badRequest(time.describe() + " chooses steps of bands with a time axis; none of "
                    + bands.stream().map(Band::name).toList() + " has one");
        }
        return out;
    }

    /**
     * A crop.h5 of bands over time: one raster per band group, (T, C, h, w) over the chosen steps or (C, h, w), with
     * a group's mask band brought along at the same steps. Each group is cut on its own grid (the window scaled to
     * it: groups of one item cover one extent) unless {@code p.oneGrid()} resamples all onto the output grid.
     */
    private List<GroupRaster> overTime(RasterModel model, ItemData data, List<Band> bands, Map<String, List<Integer>> steps,
                                       CropParameters p, int[] finest, int[] window, GridGeometry georef) {
        Map<String, List<Band>> byGroup = new java.util.LinkedHashMap<>();
        for (Band b : bands) {
            byGroup.computeIfAbsent(b.group(), g -> new ArrayList<>()).add(b);
        }
        for (String group : List.copyOf(byGroup.keySet())) {
            String mask = model.group(group).mask();
            if (mask != null && steps.containsKey(group) && data.has(mask) && bands.stream().noneMatch(b -> b.name().equals(mask))) {
                Band maskBand = model.band(mask);
                byGroup.computeIfAbsent(maskBand.group(), g -> new ArrayList<>()).add(maskBand);
                steps.putIfAbsent(maskBand.group(), steps.get(group));
            }
        }
        int[] out = p.oneGrid() ? outputSize(p, window, 1) : null;
        double samples = 0;
        Map<String, int[]> cuts = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<Band>> e : byGroup.entrySet()) {
            int[] cut = out != null ? new int[]{0, 0, out[0], out[1]} : scaled(window, finest, data.size(e.getValue().getFirst().name()));
            cuts.put(e.getKey(), cut);
            samples += (double) cut[2] * cut[3] * e.getValue().size() * steps.getOrDefault(e.getKey(), List.of(0)).size();
        }
        requireWithinLimit(samples, 1, 1);
        List<GroupRaster> groups = new ArrayList<>();
        for (Map.Entry<String, List<Band>> e : byGroup.entrySet()) {
            BandGroup declared = model.group(e.getKey());
            List<Band> groupBands = e.getValue();
            int[] cut = cuts.get(e.getKey());
            List<Integer> at = steps.getOrDefault(e.getKey(), List.of(0));
            List<BandArray> arrays = new ArrayList<>();
            for (int t : at) {
                for (Band b : groupBands) {
                    arrays.add(out != null ? resample(data, b.name(), t, finest, window, out[0], out[1])
                            : data.region(b.name(), t, cut[0], cut[1], cut[2], cut[3]));
                }
            }
            GridGeometry grid;
            if (out != null) {
                grid = georef != null ? georef.window(window[0], window[1], window[2], window[3], out[0], out[1])
                        : new GridGeometry(out[0], out[1], new double[]{window[0], (double) window[2] / out[0], 0, window[1], 0,
                        (double) window[3] / out[1]});
            } else {
                int[] size = data.size(groupBands.getFirst().name());
                grid = georef != null ? georef.resized(size[0], size[1]).window(cut[0], cut[1], cut[2], cut[3], cut[2], cut[3])
                        : new GridGeometry(cut[2], cut[3], new double[]{cut[0], 1, 0, cut[1], 0, 1});
            }
            boolean timed = steps.containsKey(e.getKey());
            List<String> names = groupBands.stream().map(Band::name).toList();
            String mask = declared.mask() != null && byGroup.values().stream().flatMap(List::stream)
                    .anyMatch(b -> b.name().equals(declared.mask())) ? declared.mask() : null;
            BandGroup cropped = new BandGroup(declared.name(), declared.dataType(), grid.width(), grid.height(),
                    georef == null ? null : Math.abs(grid.transform()[1]), names, timed ? Boolean.TRUE : null, mask);
            List<java.time.Instant> times = timed ? at.stream().map(t -> data.times(groupBands.getFirst().name()).get(t)).toList() : List.of();
            groups.add(new GroupRaster(cropped, grid, groupBands, arrays, times));
        }
        return groups;
    }

    /** A window of the finest grid in the pixels of a grid of {@code size} over the same extent, rounded outwards. */
    private static int[] scaled(int[] window, int[] finest, int[] size) {
        double sx = (double) size[0] / finest[0], sy = (double) size[1] / finest[1];
        int c0 = (int) Math.floor(window[0] * sx + 1e-9), r0 = (int) Math.floor(window[1] * sy + 1e-9);
        int c1 = Math.min(size[0], (int) Math.ceil((window[0] + window[2]) * sx - 1e-9));
        int r1 = Math.min(size[1], (int) Math.ceil((window[1] + window[3]) * sy - 1e-9));
        return new int[]{c0, r0, Math.max(1, c1 - c0), Math.max(1, r1 - r0)};
    }

    /**
     * Every band of {@code group} of an item at full size, in group order (for stacked downloads): from its
     * canonical HDF5, or decoded from its PNG.
     */
    public List<BandArray> groupPixels(String itemId, Map<String, StoredAsset> assets, RasterModel model,
                                       BandGroup group) {
        ItemData data = load(dataAsset(itemId, assets), model);
        List<BandArray> out = new ArrayList<>();
        for (String band : group.bands()) {
            requireStill(data, itemId, band);
            int[] size = data.size(band);
            out.add(data.region(band, 0, 0, size[0], size[1]));
        }
        return out;
    }

    /**
     * Buffers that a caller reading many items in turn (a stacked export) lends to each read, so that every item
     * does not leave its stored file and a band's bytes behind as garbage: {@code band} sized by the caller to
     * the largest band it wants, {@code file} grown to the largest item file read.
     */
    public static final class ReadBuffers {
        private final byte[] band;
        private byte[] file = new byte[0];

        public ReadBuffers(int bandBytes) {
            this.band = new byte[bandBytes];
        }

        /** Room for a stored file of {@code size} bytes. */
        private byte[] file(int size) {
            if (file.length < size) {
                file = new byte[size];
            }
            return file;
        }
    }

    /** The size of the grid an item stores {@code band} on (a stack's grid where the collection declares none). */
    public int[] storedSize(String itemId, Map<String, StoredAsset> assets, RasterModel model, String band) {
        ItemData data = whole(dataAsset(itemId, assets), model, null);
        requireBand(data, itemId, band);
        return data.size(band);
    }

    /**
     * Writes an item's (C, H, W) block of each dataset into {@code blocks} (little-endian samples), from one read of
     * its data. A band wanted as it is stored is inflated from its stored chunk straight into its block
     * ({@code buffers}: lent to each read, see {@link ReadBuffers}).
     * An item whose grid differs from the dataset's stops the export (it is already streaming).
     */
    public void stackBlocks(String itemId, Map<String, StoredAsset> assets, RasterModel model, List<BandStack> datasets,
                            ByteBuffer[] blocks, ReadBuffers buffers) {
        ItemData data = whole(dataAsset(itemId, assets), model, buffers);
        int[] finest = finestSize(model, data);
        int[] whole = {0, 0, finest[0], finest[1]};
        for (int d = 0; d < datasets.size(); d++) {
            BandStack dataset = datasets.get(d);
            if (dataset.timed()) {
                stackSteps(data, itemId, dataset, blocks[d]);
                continue;
            }
            for (Band band : dataset.bands()) {
                requireStill(data, itemId, band.name());
                int[] own = data.size(band.name());
                if (!dataset.resampled() && (own[0] != dataset.width() || own[1] != dataset.height())) {
                    throw new IllegalStateException("item '" + itemId + "' is " + own[0] + " x " + own[1] + " in "
                            + dataset.name() + ", where the stack's grid is " + dataset.width() + " x " + dataset.height()
                            + "; a stack needs one size per dataset (add grid=finest to resample)");
                }
                boolean asStored = !dataset.resampled() && band.dataType() == dataset.type();
                if (!asStored || !data.copyStored(band.name(), blocks[d], buffers.band)) {
                    BandArray pixels = dataset.resampled()
                            ? resample(data, band.name(), finest, whole, dataset.width(), dataset.height())
                            : data.region(band.name(), 0, 0, own[0], own[1]);
                    pixels.as(dataset.type()).putLittleEndian(blocks[d]);
                }
            }
        }
    }

    /**
     * An item's (T, C, H, W) block of a dataset over time: its steps in order, then padding up to the dataset's T
     * (NaN, or the band's nodata, or 0; the export's valid_ mask says which), so items of different lengths stack.
     */
    private static void stackSteps(ItemData data, String itemId, BandStack dataset, ByteBuffer block) {
        int w = dataset.width(), h = dataset.height();
        int steps = 0;
        for (Band band : dataset.bands()) {
            if (!data.has(band.name())) { // a series the item lacks (a WorldStrat area without L1C): all padding
                steps = 0;
                break;
            }
            int[] own = data.size(band.name());
            if (own[0] != w || own[1] != h) {
                throw new IllegalStateException("item '" + itemId + "' is " + own[0] + " x " + own[1] + " in " + dataset.name()
                        + ", where the stack's grid is " + w + " x " + h + "; a stack needs one size per dataset");
            }
            steps = data.times(band.name()).size();
        }
        if (steps > dataset.steps()) {
            throw new IllegalStateException("item '" + itemId + "' has " + steps + " steps of " + dataset.name() + ", more than the "
                    + dataset.steps() + " its properties list");
        }
        for (int t = 0; t < dataset.steps(); t++) {
            for (Band band : dataset.bands()) {
                if (t < steps) {
                    data.region(band.name(), t, 0, 0, w, h).as(dataset.type()).putLittleEndian(block);
                } else {
                    padding(band, dataset.type(), w, h).putLittleEndian(block);
                }
            }
        }
    }

    /** A padding step of a band: NaN for floats, else the band's nodata when it has one, else 0. */
    private static BandArray padding(Band band, DataType type, int w, int h) {
        BandArray pad = BandArray.allocate(type, w, h);
        double fill = type.floating() ? Double.NaN : band.nodata() != null && band.nodata() >= type.minValue()
                && band.nodata() <= type.maxValue() && band.nodata() == Math.rint(band.nodata()) ? band.nodata() : 0;
        if (fill != 0) {
            for (int i = 0; i < pad.length(); i++) {
                pad.set(i, fill);
            }
        }
        return pad;
    }

    /**
     * Every band the item's stored data holds, at full size in the collection's band order: what ingest counted
     * into the statistics, read back to take it out again.
     */
    List<BandSeries> storedBands(String collectionId, String itemId, Map<String, StoredAsset> assets) {
        RasterModel model = rasterModel(collectionId, itemId, assets);
        ItemData data = whole(dataAsset(itemId, assets), model, null);
        List<BandSeries> out = new ArrayList<>();
        Map<String, List<BandArray>> masks = new java.util.HashMap<>();
        for (Band band : model.bands()) {
            if (data.has(band.name())) {
                String mask = model.group(band.group()).mask();
                List<BandArray> bandMasks = mask == null ? null
                        : masks.computeIfAbsent(mask, m -> linesUp(data, m, band.name()) ? series(data, m) : null);
                out.add(new BandSeries(band, series(data, band.name()), bandMasks));
            }
        }
        return out;
    }

    /** The band's whole grid at each of its steps (one array for a band without time). */
    private static List<BandArray> series(ItemData data, String band) {
        int[] size = data.size(band);
        int steps = Math.max(1, data.times(band).size());
        List<BandArray> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            out.add(data.region(band, t, 0, 0, size[0], size[1]));
        }
        return out;
    }

    /** Whether {@code mask} can mask {@code band}: held by the item, on a grid of the same size, at the same steps. */
    private static boolean linesUp(ItemData data, String mask, String band) {
        return data.has(mask) && java.util.Arrays.equals(data.size(mask), data.size(band))
                && data.times(mask).equals(data.times(band));
    }

    /** The collection's declared bands, or RGB for an item of PNGs in a collection that declares none. */
    public RasterModel rasterModel(String collectionId, String itemId, Map<String, StoredAsset> assets) {
        return models.of(collectionId).orElseGet(() -> {
            if (dataAsset(itemId, assets).type().equals(MediaTypes.PNG)) {
                return RasterModel.RGB_PNG;
            }
            throw ApiException.notFound("collection '" + collectionId + "' declares no bands to crop");
        });
    }

    /** The item's canonical HDF5, or its PNG when that is all it has. */
    private static StoredAsset dataAsset(String itemId, Map<String, StoredAsset> assets) {
        StoredAsset png = null;
        for (StoredAsset a : assets.values()) {
            if (a.roles() != null && a.roles().contains("data")) {
                if (a.type().equals(MediaTypes.HDF5)) {
                    return a;
                }
                if (a.type().equals(MediaTypes.PNG) && png == null) {
                    png = a;
                }
            }
        }
        if (png == null) {
            throw ApiException.notFound("item '" + itemId + "' has no raster data to crop");
        }
        return png;
    }

    private static List<Band> bands(RasterModel model, CropParameters p, CropOutput output) {
        boolean forPng = output == CropOutput.PNG;
        List<String> names = !p.bands().isEmpty() ? p.bands() : forPng ? model.rgb() : model.bandNames();
        if (forPng && names.size() != 1 && names.size() != 3) {
            throw ApiException.badRequest("crop.png takes 1 or 3 bands, not " + names.size() + " (" + String.join(",", names) + ")");
        }
        List<Band> bands = new ArrayList<>();
        for (String name : names) {
            bands.add(model.band(name));
        }
        return bands;
    }

    /** The item's data for a crop: through the cache, and refused past the crop limits. */
    private ItemData load(StoredAsset asset, RasterModel model) {
        if (asset.size() > config.maxSourceBytes()) {
            throw new ApiException(ErrorCode.UNPROCESSABLE_CONTENT, "the item's data is " + asset.size()
                    + " bytes, more than the " + config.maxSourceBytes() + " a crop reads; download the data asset instead");
        }
        try {
            if (asset.type().equals(MediaTypes.PNG)) {
                PngRaster.Header header;
                try (InputStream in = store.open(asset.objectKey(), 0, 64)) {
                    header = PngRaster.header(in);
                }
                if ((long) header.width() * header.height() * header.channels() > config.maxDecodedBytes()) {
                    return new ItemData.PngWindows(model.bandNames(), header, () -> store.open(asset.objectKey(), 0, -1),
                            config.maxDecodedBytes());
                }
            }
            return cache.get(asset.objectKey(), () -> read(asset, model, null, true));
        } catch (IOException e) {
            // damaged stored data (a published file whose content lies about itself): not the request's fault, nor a bug
            throw new ApiException(ErrorCode.UNPROCESSABLE_CONTENT, "the item's stored data cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * An item's whole data, read once around the cache, so that a long export does not evict the items crops keep
     * asking for, and without the crop limits (statistics and stacks read items ingest admitted). {@code buffers}:
     * lent for an HDF5's bytes, or null.
     */
    private ItemData whole(StoredAsset asset, RasterModel model, ReadBuffers buffers) {
        try {
            return read(asset, model, buffers, false);
        } catch (IOException e) {
            // damaged stored data (a published file whose content lies about itself): not the request's fault, nor a bug
            throw new ApiException(ErrorCode.UNPROCESSABLE_CONTENT, "the item's stored data cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and decodes an item's data: a PNG; an HDF5 into one array of its known size (not readAllBytes' doubling
     * buffers and their copy: stacks read thousands of items in a row, and the garbage grows the heap), or into the
     * lent {@code buffers}; {@code cached}: it goes into the item data cache, so its HDF5 keeps decoded planes.
     */
    private ItemData read(StoredAsset asset, RasterModel model, ReadBuffers buffers, boolean cached) throws IOException {
        try (InputStream in = store.open(asset.objectKey(), 0, -1)) {
            if (asset.type().equals(MediaTypes.PNG)) {
                return new ItemData.Png(model.bandNames(), PngRaster.decode(in));
            }
            if (asset.size() <= 0 || asset.size() > Integer.MAX_VALUE - 8) {
                return new ItemData.Hdf5(ByteBuffer.wrap(in.readAllBytes()), groupNames(model), cached);
            }
            int size = (int) asset.size();
            byte[] target = buffers == null ? new byte[size] : buffers.file(size);
            if (in.readNBytes(target, 0, size) != size) {
                throw new IOException("the stored object is shorter than its " + size + " bytes");
            }
            return new ItemData.Hdf5(ByteBuffer.wrap(target, 0, size).slice(), groupNames(model), cached);
        }
    }

    private static void requireBand(ItemData data, String itemId, String band) {
        if (!data.has(band)) {
            throw ApiException.badRequest("item '" + itemId + "' holds no band '" + band + "'");
        }
    }

    /** A band a stacked export can take: held by the item, without a time axis (stacks over time are not built yet). */
    private static void requireStill(ItemData data, String itemId, String band) {
        if (data.timed(band)) {
            // the time axis is stored and downloadable whole (the data asset) and cropped by crop.h5; not stacked yet
            throw ApiException.badRequest("band '" + band + "' of item '" + itemId + "' has a time axis: stacked exports "
                    + "of bands over time are not served yet; download the item's data asset, crop it with crop.h5, or "
                    + "choose bands without a time axis");
        }
        requireBand(data, itemId, band);
    }

    private static java.util.Set<String> groupNames(RasterModel model) {
        return model.groups().stream().map(BandGroup::name).collect(java.util.stream.Collectors.toSet());
    }

    private static int[] finestSize(RasterModel model, ItemData data) {
        int[] best = null;
        for (Band b : model.bands()) {
            if (data.has(b.name())) {
                int[] s = data.size(b.name());
                if (best == null || (long) s[0] * s[1] > (long) best[0] * best[1]) {
                    best = s;
                }
            }
        }
        if (best == null) {
            throw ApiException.notFound("the item's data holds none of the collection's bands");
        }
        return best;
    }

    /** col, row, width, height of the window in the finest grid, clipped to the item. */
    private static int[] window(CropParameters p, int[] finest, GridGeometry georef, Projection projection, String itemId) {
        double c0, r0, c1, r1;
        if (p.window() != null) {
            int[] w = p.window();
            c0 = w[0];
            r0 = w[1];
            c1 = (double) w[0] + w[2];
            r1 = (double) w[1] + w[3];
        } else if (p.bbox() != null) {
            if (georef == null || projection == null) {
                throw ApiException.badRequest("item '" + itemId + "' has no georeference, so bbox cannot place a "
                        + "window on it; use window=col,row,width,height");
            }
            double[] px = bboxToPixels(p, georef, projection);
            c0 = Math.floor(px[0] + 1e-9);
            r0 = Math.floor(px[1] + 1e-9);
            c1 = Math.ceil(px[2] - 1e-9);
            r1 = Math.ceil(px[3] - 1e-9);
        } else {
            return new int[]{0, 0, finest[0], finest[1]};
        }
        double cc0 = Math.max(0, c0), rr0 = Math.max(0, r0);
        double cc1 = Math.min(finest[0], c1), rr1 = Math.min(finest[1], r1);
        if (cc1 <= cc0 || rr1 <= rr0) {
            throw ApiException.badRequest("the " + (p.window() != null ? "window" : "bbox") + " lies wholly outside the item ("
                    + finest[0] + " x " + finest[1] + " pixels)");
        }
        return new int[]{(int) cc0, (int) rr0, (int) (cc1 - cc0), (int) (rr1 - rr0)};
    }

    /** The bbox's pixel extent (minCol, minRow, maxCol, maxRow), from its corners and edge midpoints. */
    private static double[] bboxToPixels(CropParameters p, GridGeometry georef, Projection itemCrs) {
        Projection bboxCrs;
        try {
            bboxCrs = Projection.forCode(p.bboxCrs());
        } catch (Projection.UnknownCrsException e) {
            throw ApiException.badRequest("bbox-crs: " + e.getMessage());
        }
        double[] b = p.bbox();
        double mx = (b[0] + b[2]) / 2, my = (b[1] + b[3]) / 2;
        double[] points = {b[0], b[1], b[2], b[1], b[2], b[3], b[0], b[3], mx, b[1], b[2], my, mx, b[3], b[0], my};
        if (!bboxCrs.sameAs(itemCrs)) {
            itemCrs.fromLonLat(bboxCrs.toLonLat(points));
        }
        double minC = Double.POSITIVE_INFINITY, minR = Double.POSITIVE_INFINITY;
        double maxC = Double.NEGATIVE_INFINITY, maxR = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.length; i += 2) {
            double[] px = georef.toPixel(points[i], points[i + 1]);
            if (!Double.isFinite(px[0]) || !Double.isFinite(px[1])) {
                throw ApiException.badRequest("the bbox cannot be placed in the item's CRS");
            }
            minC = Math.min(minC, px[0]);
            maxC = Math.max(maxC, px[0]);
            minR = Math.min(minR, px[1]);
            maxR = Math.max(maxR, px[1]);
        }
        return new double[]{minC, minR, maxC, maxR};
    }

    /**
     * Width and height of the output: as asked, one of them with the window's aspect, or the window's own size.
     * Computed in floating point and checked against the sample limit before anything is allocated, so no
     * request can ask for an array the JVM cannot make.
     */
    private int[] outputSize(CropParameters p, int[] window, int bandCount) {
        double w, h;
        if (p.width() != null && p.height() != null) {
            w = p.width();
            h = p.height();
        } else if (p.width() != null) {
            w = p.width();
            h = Math.max(1, Math.round((double) p.width() * window[3] / window[2]));
        } else if (p.height() != null) {
            h = p.height();
            w = Math.max(1, Math.round((double) p.height() * window[2] / window[3]));
        } else {
            w = window[2];
            h = window[3];
        }
        requireWithinLimit(w, h, bandCount);
        return new int[]{(int) w, (int) h};
    }

    /** 400 with the numbers when {@code w x h x bands} passes the limit (checked on doubles: nothing overflows). */
    private void requireWithinLimit(double w, double h, int bandCount) {
        double samples = w * h * bandCount;
        if (samples > config.maxOutputSamples()) {
            throw ApiException.badRequest("a " + (long) w + " x " + (long) h + " crop of " + bandCount + " band(s) is "
                    + String.format("%.0f", samples) + " samples, more than the limit of " + config.maxOutputSamples()
                    + "; ask for a smaller width/height or window");
        }
    }

    /** The band's pixels under the window, on the output grid: each output pixel takes the source pixel under its centre. */
    private static BandArray resample(ItemData data, String band, int[] finest, int[] window, int outW, int outH) {
        return resample(data, band, 0, finest, window, outW, outH);
    }

    /** The same at step {@code step} of a band with a time axis. */
    private static BandArray resample(ItemData data, String band, int step, int[] finest, int[] window, int outW, int outH) {
        int[] size = data.size(band);
        double sx = (double) size[0] / finest[0], sy = (double) size[1] / finest[1];
        int[] cols = new int[outW];
        int[] rows = new int[outH];
        for (int x = 0; x < outW; x++) {
            double fx = window[0] + (x + 0.5) * window[2] / outW;
            cols[x] = Math.min(size[0] - 1, (int) Math.floor(fx * sx));
        }
        for (int y = 0; y < outH; y++) {
            double fy = window[1] + (y + 0.5) * window[3] / outH;
            rows[y] = Math.min(size[1] - 1, (int) Math.floor(fy * sy));
        }
        int c0 = cols[0], c1 = cols[outW - 1], r0 = rows[0], r1 = rows[outH - 1];
        BandArray region = data.region(band, step, c0, r0, c1 - c0 + 1, r1 - r0 + 1);
        BandArray out = BandArray.allocate(region.type(), outW, outH);
        int[] offsets = new int[outW];
        for (int x = 0; x < outW; x++) {
            offsets[x] = cols[x] - c0;
        }
        for (int y = 0; y < outH; y++) {
            out.gather(region, (rows[y] - r0) * region.width(), offsets, y * outW);
        }
        return out;
    }

    private List<double[]> ranges(String collectionId, List<Band> bands, List<double[]> rescale) {
        if (rescale.size() > 1 && rescale.size() != bands.size()) {
            throw ApiException.badRequest("rescale gives " + rescale.size() + " ranges for " + bands.size()
                    + " bands; give one range, or one per band");
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            out.add(rescale.isEmpty() ? statistics.defaultRange(collectionId, bands.get(i))
                    : rescale.get(rescale.size() == 1 ? 0 : i));
        }
        return out;
    }

    /** Root attributes of a crop's HDF5. */
    private static Map<String, String> labels(Crop crop, String collectionId) {
        return Map.of("collection", collectionId, "item", crop.itemId(),
                "window", crop.window()[0] + "," + crop.window()[1] + "," + crop.window()[2] + "," + crop.window()[3]);
    }
}
