package io.patchserve.bundle;

import io.patchserve.stac.MediaTypes;

import io.patchserve.catalog.LabelNomenclatures;
import io.patchserve.catalog.ItemFields;
import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.ItemRow;
import io.patchserve.config.BundleConfig;
import io.patchserve.config.TempConfig;
import io.patchserve.crop.CropService;
import io.patchserve.http.Download;
import io.patchserve.http.EntityTags;
import io.patchserve.http.TemporaryFileDownload;
import io.patchserve.error.ApiException;
import io.patchserve.storage.Digests;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.hdf5.CfAxes;
import io.patchserve.raster.hdf5.NetcdfDimensions;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bundle.h5: the selected items' bands stacked for training, MMEarth's layout: one (N, C, H, W) dataset per band
 * group, {@code ids} and {@code collections} (N), {@code split} (N, "" where none), {@code datetime} (N), and one
 * (N, K) uint8 multi-hot dataset per label nomenclature the collection declares (classes in the collection's
 * order or alphabetically, see {@link ClassOrder}; named in its {@code class_names} and {@code class_order}
 * attributes). Items are in search order. Every axis is a netCDF-4 dimension, so xarray opens the file with named
 * axes: {@code item} (0..N-1, with ids, collection, split and datetime as its coordinates), {@code band[_<group>]}
 * and {@code class_<nomenclature>} (numbered, names beside), {@code y[_<group>]}/{@code x[_<group>]} (pixel
 * indices: items lie in different places). jHDF writes whole arrays, so the file is assembled
 * in memory up to {@code patchserve.bundle.max-stack-bytes}, written to a temporary file and streamed from there
 * (with Content-Length, ETag and Range; the same selection gives the same bytes).
 */
@ApplicationScoped
public class StackService {

    private static final int PAGE = 1000;
    private static final String FORMAT = "patchserve-stack/1";

    private final SearchService search;
    private final CatalogService catalog;
    private final CropService crops;
    private final BundleConfig config;
    private final TempConfig temp;

    public StackService(SearchService search, CatalogService catalog, CropService crops, BundleConfig config, TempConfig temp) {
        this.search = search;
        this.catalog = catalog;
        this.crops = crops;
        this.config = config;
        this.temp = temp;
    }

    /** The stack of {@code request}'s matches, written to a temporary file that is deleted once it is sent. */
    public Download stack(SearchRequest request, String name, ClassOrder order) throws IOException {
        List<ItemRow> items = select(request);
        Path file = Files.createTempFile(Files.createDirectories(temp.dir()), "patchserve-stack-", ".h5");
        try {
            write(items, file, order);
            String digest = Digests.sha256Hex(file);
            return new TemporaryFileDownload(file, MediaTypes.HDF5, BundleService.selectionName(name, digest) + ".h5",
                    EntityTags.strong("h5-" + digest), Map.of("Patchserve-Bundle-Items", items.size()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The request's matches in search order, refused past the stack's item limit. */
    List<ItemRow> select(SearchRequest request) throws IOException {
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

    private void write(List<ItemRow> items, Path file, ClassOrder order) {
        Map<String, CollectionEntity> collections = new LinkedHashMap<>();
        items.forEach(i -> collections.computeIfAbsent(i.collectionId(), catalog::collection));
        RasterModel model = null;
        for (ItemRow item : items) {
            RasterModel m = crops.rasterModel(item.collectionId(), item.itemId(), item.assets());
            if (model != null && !model.equals(m)) {
                throw ApiException.badRequest("the selection spans collections with different bands; stack one collection at a time");
            }
            model = m;
        }
        int n = items.size();
        NetcdfDimensions dimensions = new NetcdfDimensions();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("format", FORMAT);
            h5.putAttribute("item_count", (long) n);
            if (n == 0) {
                return; // an empty selection is an empty stack (jHDF writes no zero-length arrays)
            }
            h5.putAttribute("collections", collections.keySet().toArray(String[]::new));
            int[] index = new int[n];
            java.util.Arrays.setAll(index, i -> i);
            dimensions.dimension(h5, ITEM, index).putAttribute("long_name", "item index, in search order");
            perItem(h5, dimensions, "ids", items.stream().map(ItemRow::itemId));
            perItem(h5, dimensions, "collection", items.stream().map(ItemRow::collectionId));
            perItem(h5, dimensions, ItemFields.SPLIT, items.stream().map(i -> text(i.properties().get(ItemFields.SPLIT))));
            perItem(h5, dimensions, "datetime", items.stream().map(i -> i.datetime() == null ? "" : i.datetime().toString()));
            writeLabels(h5, dimensions, items, collections, order);
            if (model != null && n > 0) {
                h5.putAttribute("band_names", model.bandNames().toArray(String[]::new));
                long budget = config.maxStackBytes();
                for (BandGroup group : model.groups()) {
                    String suffix = model.groups().size() == 1 ? "" : "_" + group.name();
                    budget -= writeGroup(h5, items, model, group, budget);
                    describeGroup(h5, dimensions, suffix, model, group);
                }
            }
        }
        dimensions.finish(file);
    }

    /** A text column along the item axis; {@code _Encoding} makes xarray give str, not bytes. */
    private static void perItem(WritableHdfFile h5, NetcdfDimensions dimensions, String name, java.util.stream.Stream<String> values) {
        WritableDataset ds = h5.putDataset(name, values.toArray(String[]::new));
        ds.putAttribute("_Encoding", "utf-8");
        dimensions.attach(ds, ITEM);
    }

    private static final String ITEM = "item";
    private static final String ITEM_COORDINATES = "ids collection split datetime";

    /** Writes one (N, C, H, W) group; returns its bytes, refusing when they would pass the remaining budget. */
    long writeGroup(WritableHdfFile h5, List<ItemRow> items, RasterModel model, BandGroup group, long budget) {
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

    /** The group's CF packing and netCDF axes: (item, band, y, x), y and x as pixel indices. */
    private static void describeGroup(WritableHdfFile h5, NetcdfDimensions dimensions, String suffix, RasterModel model,
                                      BandGroup group) {
        WritableDataset ds = (WritableDataset) h5.getChild(group.name());
        int[] shape = ds.getDimensions();
        CfAxes.putPacking(ds, group.bands().stream().map(model::band).toList(), group.dataType());
        CfAxes.NumberedAxis band = CfAxes.numbered(h5, dimensions, "band", suffix, group.bands());
        String[] yx = CfAxes.pixelCentres(h5, dimensions, suffix, new GridGeometry(shape[3], shape[2], new double[]{0, 1, 0, 0, 0, 1}), null);
        dimensions.attach(ds, ITEM, band.dimension(), yx[0], yx[1]);
        ds.putAttribute("coordinates", ITEM_COORDINATES + " " + band.names());
    }

    /** One (N, K) multi-hot per label nomenclature the collections declare, its classes in {@code order}. */
    private static void writeLabels(WritableHdfFile h5, NetcdfDimensions dimensions, List<ItemRow> items,
                                    Map<String, CollectionEntity> collections, ClassOrder order) {
        Map<String, List<String>> nomenclatures = new LinkedHashMap<>();
        for (CollectionEntity c : collections.values()) {
            LabelNomenclatures.of(c).classesByProperty().forEach((property, classes) ->
                    nomenclatures.putIfAbsent(property, order.apply(classes)));
        }
        nomenclatures.forEach((property, classes) -> {
            byte[][] hot = new byte[items.size()][classes.size()];
            for (int i = 0; i < items.size(); i++) {
                JsonNode labels = items.get(i).properties().get(property);
                if (labels != null && labels.isArray()) {
                    for (JsonNode label : labels) {
                        int k = classes.indexOf(label.asText());
                        if (k >= 0) {
                            hot[i][k] = 1;
                        }
                    }
                }
            }
            WritableDataset ds = h5.putDataset(property, hot, DatasetCreationOptions.builder().unsigned().build());
            ds.putAttribute("class_names", classes.toArray(String[]::new));
            ds.putAttribute("class_order", order.id());
            CfAxes.NumberedAxis axis = CfAxes.numbered(h5, dimensions, "class", "_" + property, classes);
            dimensions.attach(ds, ITEM, axis.dimension());
            ds.putAttribute("coordinates", ITEM_COORDINATES + " " + axis.names());
        });
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
