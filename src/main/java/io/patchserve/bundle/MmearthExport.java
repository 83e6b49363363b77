package io.patchserve.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.DatasetCreationOptions;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.ItemVectors;
import io.patchserve.config.BundleConfig;
import io.patchserve.config.TempConfig;
import io.patchserve.crop.CropService;
import io.patchserve.error.ApiException;
import io.patchserve.http.Download;
import io.patchserve.http.EntityTags;
import io.patchserve.http.TemporaryFileDownload;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.RasterModel;
import io.patchserve.search.SearchRequest;
import io.patchserve.stats.StatisticsStore;
import io.patchserve.search.SearchService;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.jhdf.api.DatasetCreationOptions;
import java.lang.reflect.Array;
import java.util.ArrayList;
import io.patchserve.storage.Digests;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A selection of an MMEarth collection in MMEarth's own layout, as its training loader (MMEarth-train's
 * {@code MMEarthDataset}) reads a release: one tar holding {@code data_<name>/data_<name>.h5} (each image
 * modality (N, C, H, W) in its type, chunked (1, C, H, W) with deflate; each vector (N, C) as published;
 * {@code metadata} (N, 2) with the tile id and S2_type of each row), {@code data_<name>_splits.json} (split ->
 * rows of this file), {@code _tile_info.json} (each tile's entry as published) and {@code _band_stats.json} (the
 * release's statistics file as published, which the loader normalises with). Built in memory up to
 * {@code patchserve.bundle.max-stack-bytes} (jHDF writes whole arrays); the same selection gives the same bytes.
 * jHDF writes no compound types, so {@code metadata} is a two-column string array: the loader's
 * {@code metadata[row][0]} reads the tile id from it as from the release's compound.
 */
@ApplicationScoped
public class MmearthExport {

    static final String SENTINEL2 = "sentinel2";

    private static final int PAGE = 1000;

    private final SearchService search;
    private final CatalogService catalog;
    private final CropService crops;
    private final StatisticsStore statistics;
    private final ObjectMapper mapper;
    private final BundleConfig config;
    private final TempConfig temp;

    public MmearthExport(SearchService search, CatalogService catalog, CropService crops, StatisticsStore statistics,
                         ObjectMapper mapper, BundleConfig config, TempConfig temp) {
        this.search = search;
        this.catalog = catalog;
        this.crops = crops;
        this.statistics = statistics;
        this.mapper = mapper;
        this.config = config;
        this.temp = temp;
    }

    public Download export(String collectionId, SearchRequest request) throws IOException {
        CollectionEntity collection = catalog.collection(collectionId);
        ItemVectors vectors = ItemVectors.of(collection);
        String bandStats = providedStatistics(collectionId);
        if (vectors.isEmpty() || bandStats == null) {
            throw ApiException.badRequest("collection '" + collectionId + "' was not ingested from an MMEarth release "
                    + "(it has no per-row vectors or no band_stats file); bundle.mmearth.tar exports MMEarth collections");
        }
        List<ItemRow> items = select(request);
        String name = "data_" + collectionId;
        Path dir = Files.createDirectories(temp.dir());
        Path h5 = Files.createTempFile(dir, "patchserve-mmearth-", ".h5");
        Path tar = Files.createTempFile(dir, "patchserve-mmearth-", ".tar");
        try {
            writeH5(collection, items, vectors, h5);
            Map<String, byte[]> sideFiles = new LinkedHashMap<>();
            sideFiles.put(name + "_splits.json", splits(items));
            sideFiles.put(name + "_tile_info.json", tileInfo(items));
            sideFiles.put(name + "_band_stats.json", bandStats.getBytes(StandardCharsets.UTF_8));
            writeTar(tar, name, h5, sideFiles);
            return new TemporaryFileDownload(tar, "application/x-tar", name + ".tar",
                    EntityTags.strong("mmearth-" + Digests.sha256Hex(tar)), Map.of("Patchserve-Bundle-Items", items.size()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tar);
            throw e;
        } finally {
            Files.deleteIfExists(h5);
        }
    }

    /** The request's matches in search order, refused past the stack's item limit. */
    private List<ItemRow> select(SearchRequest request) throws IOException {
        List<ItemRow> items = new ArrayList<>();
        search.forEachPage(request, PAGE, page -> {
            items.addAll(page.items());
            if (items.size() > config.maxItems()) {
                throw ApiException.tooLarge("the stack would hold more than " + config.maxItems()
                        + " items (at least " + page.matched() + " match); narrow the selection");
            }
        });
        return items;
    }

    /** Writes one (N, C, H, W) group; returns its bytes, refusing when they would pass the remaining budget. */
    private long writeGroup(WritableHdfFile h5, List<ItemRow> items, RasterModel model, BandGroup group, long budget) {
        List<Band> bands = group.bands().stream().map(model::band).toList();
        Object stack = null;
        int h = 0, w = 0;
        for (int i = 0; i < items.size(); i++) {
            ItemRow item = items.get(i);
            List<BandArray> pixels = crops.groupPixels(item.itemId(), item.assets(), model, group);
            BandArray first = pixels.getFirst();
            if (stack == null) {
                h = first.height();
                w = first.width();
                long bytes = (long) items.size() * bands.size() * h * w * group.dataType().bytes();
                if (bytes > budget) {
                    throw ApiException.tooLarge("the stack would hold " + bytes + " bytes of "
                            + group.name() + " pixels for " + items.size() + " items, more than the "
                            + config.maxStackBytes() + " allowed; narrow the selection or use bundle.tar");
                }
                stack = Array.newInstance(first.data().getClass().getComponentType(), items.size(), bands.size(), h, w);
            }
            if (first.width() != w || first.height() != h) {
                throw ApiException.badRequest("items differ in size: '" + item.itemId() + "' is " + first.width() + "x"
                        + first.height() + " where the first is " + w + "x" + h + "; a stack needs one shape per group");
            }
            Object planes = Array.get(stack, i);
            for (int c = 0; c < pixels.size(); c++) {
                Object rows = Array.get(planes, c);
                for (int r = 0; r < h; r++) {
                    System.arraycopy(pixels.get(c).data(), r * w, Array.get(rows, r), 0, w);
                }
            }
        }
        DatasetCreationOptions.Builder options = DatasetCreationOptions.builder().chunkDimensions(1, bands.size(), h, w);
        if (group.dataType().unsigned()) {
            options.unsigned();
        }
        if (group.dataType().bytes() > 1) {
            options.shuffle();
        }
        WritableDataset ds = h5.putDataset(group.name(), stack, options.deflate(4).build());
        ds.putAttribute("band_names", group.bands().toArray(String[]::new));
        ds.putAttribute("data_type", group.dataType().id());
        ds.putAttribute("nodata", bands.stream().mapToDouble(b -> b.nodata() == null ? Double.NaN : b.nodata()).toArray());
        ds.putAttribute("scale", bands.stream().mapToDouble(Band::scaleOrOne).toArray());
        ds.putAttribute("offset", bands.stream().mapToDouble(Band::offsetOrZero).toArray());
        return (long) items.size() * bands.size() * h * w * group.dataType().bytes();
    }

    private String providedStatistics(String collectionId) {
        try {
            return statistics.providedDocument(collectionId).orElse(null);
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    private void writeH5(CollectionEntity collection, List<ItemRow> items, ItemVectors vectors, Path file) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            if (items.isEmpty()) {
                return; // jHDF writes no zero-length arrays: an empty selection is a file without rows
            }
            RasterModel model = crops.rasterModel(collection.id, items.getFirst().itemId(), items.getFirst().assets());
            long budget = config.maxStackBytes();
            for (BandGroup group : model.groups()) {
                budget -= writeGroup(h5, items, model, group, budget);
            }
            vectors.byName().forEach((name, vector) -> writeVector(h5, name, vector, items));
            String[][] metadata = new String[items.size()][2];
            for (int i = 0; i < items.size(); i++) {
                metadata[i][0] = items.get(i).itemId();
                metadata[i][1] = text(items.get(i).properties().get(ItemFields.MMEARTH_S2_TYPE));
            }
            WritableDataset meta = h5.putDataset("metadata", metadata);
            meta.putAttribute("columns", new String[]{"tile_id", "S2_type"});
        }
    }

    /** One (N, C) vector in its published type: values (null as the fill), or one-hot from the class index. */
    private static void writeVector(WritableHdfFile h5, String name, ItemVectors.Vector vector, List<ItemRow> items) {
        int n = items.size(), c = vector.length();
        double[][] values = new double[n][c];
        for (int i = 0; i < n; i++) {
            JsonNode v = items.get(i).properties().get(vector.property());
            if (vector.encoding().equals(ItemVectors.ONE_HOT)) {
                if (v != null && v.canConvertToInt() && v.asInt() >= 0 && v.asInt() < c) {
                    values[i][v.asInt()] = 1;
                } else {
                    java.util.Arrays.fill(values[i], vector.nodata());
                }
            } else {
                for (int k = 0; k < c; k++) {
                    JsonNode e = v == null ? null : v.get(k);
                    values[i][k] = e == null || !e.isNumber() ? vector.nodata() : e.asDouble();
                }
            }
        }
        DatasetCreationOptions.Builder options = DatasetCreationOptions.builder();
        Object data = switch (vector.dataType()) {
            case "float32" -> {
                float[][] f = new float[n][c];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < c; k++) {
                        f[i][k] = (float) values[i][k];
                    }
                }
                yield f;
            }
            case "uint8" -> {
                options.unsigned();
                byte[][] b = new byte[n][c];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < c; k++) {
                        b[i][k] = (byte) (int) values[i][k];
                    }
                }
                yield b;
            }
            case "uint16" -> {
                options.unsigned();
                short[][] s = new short[n][c];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < c; k++) {
                        s[i][k] = (short) (int) values[i][k];
                    }
                }
                yield s;
            }
            default -> values;
        };
        h5.putDataset(name, data, options.build());
    }

    private byte[] splits(List<ItemRow> items) throws IOException {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (String split : List.of("train", "val", "test")) {
            rows.put(split, new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            String split = text(items.get(i).properties().get(ItemFields.SPLIT));
            if (!split.isEmpty()) {
                rows.computeIfAbsent(split, s -> new ArrayList<>()).add(i);
            }
        }
        return mapper.writeValueAsBytes(rows);
    }

    private byte[] tileInfo(List<ItemRow> items) throws IOException {
        ObjectNode out = mapper.createObjectNode();
        for (ItemRow item : items) {
            JsonNode info = item.properties().get(ItemFields.MMEARTH_TILE_INFO);
            out.set(item.itemId(), info == null ? mapper.createObjectNode() : info);
        }
        return mapper.writeValueAsBytes(out);
    }

    /** A tar of the folder {@code name}: the HDF5, then the side files, with {@link TarHeaders}' fixed headers. */
    private static void writeTar(Path tar, String name, Path h5, Map<String, byte[]> sideFiles) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16)) {
            long size = Files.size(h5);
            out.write(TarHeaders.file(name + "/" + name + ".h5", size));
            Files.copy(h5, out);
            out.write(new byte[TarHeaders.padding(size)]);
            for (var e : sideFiles.entrySet()) {
                out.write(TarHeaders.file(name + "/" + e.getKey(), e.getValue().length));
                out.write(e.getValue());
                out.write(new byte[TarHeaders.padding(e.getValue().length)]);
            }
            out.write(new byte[2 * TarHeaders.BLOCK]);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
