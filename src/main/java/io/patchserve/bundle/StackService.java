package io.patchserve.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.LabelNomenclatures;
import io.patchserve.config.BundleConfig;
import io.patchserve.config.TempConfig;
import io.patchserve.crop.CropService;
import io.patchserve.error.ApiException;
import io.patchserve.http.Download;
import io.patchserve.ops.Metrics;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandStack;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.hdf5.CfAxes;
import io.patchserve.raster.hdf5.NetcdfDimensions;
import io.patchserve.raster.hdf5.TrailingData;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * bundle.h5: the selected items' bands stacked for training, MMEarth's layout: (N, C, H, W) datasets (one per band
 * group, or one {@code data} with every chosen band on a common grid, see {@link StackLayout}), {@code ids} and
 * {@code collection} (N), {@code split} (N, "" where none), {@code datetime} (N), and one (N, K) uint8 multi-hot
 * dataset per label nomenclature the collections declare (classes in the collection's order or alphabetically, see
 * {@link ClassOrder}; named in its {@code class_names} and {@code class_order} attributes). Items are in search
 * order. Every axis is a netCDF-4 dimension, so xarray opens the file with named axes: {@code item} (with ids,
 * collection, split and datetime as its coordinates), {@code band[_<dataset>]} and {@code class_<nomenclature>}
 * (numbered, names beside), {@code y[_<dataset>]}/{@code x[_<dataset>]} (pixel indices: items lie in different
 * places).
 * <p>
 * Streamed, of any size within the bundle limits: the header — everything but the pixels — is written from the
 * index before the first byte is sent, with each pixel dataset contiguous, uncompressed and placed after it
 * ({@link TrailingData}); the pixels follow, read item by item. So the file has a Content-Length, a strong ETag
 * (over the header and the content-addressed data objects: the same selection gives the same bytes) and Range
 * resume, and memory stays flat whatever the number of items.
 */
@ApplicationScoped
public class StackService {

    private static final int PAGE = 1000;
    static final String FORMAT = "patchserve-stack/2";
    private static final String ITEM = "item";
    private static final String ITEM_COORDINATES = "ids collection split datetime";

    private final SearchService search;
    private final CatalogService catalog;
    private final CropService crops;
    private final BundleConfig config;
    private final TempConfig temp;
    private final Metrics metrics;

    public StackService(SearchService search, CatalogService catalog, CropService crops, BundleConfig config,
                        TempConfig temp, Metrics metrics) {
        this.search = search;
        this.catalog = catalog;
        this.crops = crops;
        this.config = config;
        this.temp = temp;
        this.metrics = metrics;
    }

    /** One item of a stack: what its rows of the file need, without the rest of the item. */
    record StackItem(String id, String collectionId, String split, String datetime,
                     Map<String, io.patchserve.catalog.StoredAsset> assets, Map<String, StepTimes> steps) {

        /** The number of steps the item lists for {@code group}; 0 when none. */
        int steps(String group) {
            StepTimes t = steps.get(group);
            return t == null ? 0 : t.count();
        }
    }

    /** The selection, compact: items in search order, and each nomenclature's multi-hot rows. */
    private record Selection(List<StackItem> items, Map<String, List<String>> classes, Map<String, ByteArrayOutputStream> hot) {
    }

    /** The stack of {@code request}'s matches, planned (its header written) and ready to stream. */
    public Download stack(SearchRequest request, String name, StackOptions options) throws IOException {
        Selection selection = select(request, options.classOrder());
        List<StackItem> items = selection.items();
        RasterModel model = items.isEmpty() ? null : model(items);
        List<BandStack> datasets = model == null ? List.of()
                : StackLayout.of(model, options, group -> firstItemSize(items.getFirst(), model, group.bands()),
                group -> items.stream().mapToInt(i -> i.steps(group.name())).max().orElse(0));
        long pixels = 0;
        for (BandStack d : datasets) {
            pixels = Math.addExact(pixels, Math.multiplyExact(d.itemBytes(), items.size()));
        }
        if (pixels > config.maxBytes()) {
            throw ApiException.tooLarge("the stack would hold " + pixels + " bytes of pixels for " + items.size()
                    + " items, more than the " + config.maxBytes() + " a bundle may; narrow the selection");
        }
        Path header = Files.createTempFile(Files.createDirectories(temp.dir()), "patchserve-stack-", ".h5");
        try {
            long[] starts = writeHeader(header, selection, model, datasets, options);
            return new StackDownload(header, starts, items, datasets, model, crops, name, temp.dir(),
                    metrics.bytesServed("stack"));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(header);
            throw e;
        }
    }

    /** The request's matches in search order, refused past the bundle's item limit. */
    private Selection select(SearchRequest request, ClassOrder order) throws IOException {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (String collectionId : request.collections()) {
            LabelNomenclatures.of(catalog.collection(collectionId)).classesByProperty().forEach((property, names) ->
                    classes.putIfAbsent(property, order.apply(names)));
        }
        Map<String, ByteArrayOutputStream> hot = new LinkedHashMap<>();
        classes.keySet().forEach(p -> hot.put(p, new ByteArrayOutputStream()));
        List<StackItem> items = new ArrayList<>();
        search.forEachPage(request, PAGE, page -> {
            if (items.size() + page.items().size() > config.maxItems()) {
                throw ApiException.tooLarge("the stack would hold more than " + config.maxItems()
                        + " items (" + page.matched() + " match); narrow the selection");
            }
            for (ItemRow item : page.items()) {
                items.add(new StackItem(item.itemId(), item.collectionId(), text(item.properties().get(ItemFields.SPLIT)),
                        item.datetime() == null ? "" : item.datetime().toString(), item.assets(), StepTimes.of(item.properties())));
                classes.forEach((property, names) -> hot.get(property).writeBytes(multiHot(item.properties().get(property), names)));
            }
        });
        return new Selection(items, classes, hot);
    }

    private static byte[] multiHot(JsonNode labels, List<String> classes) {
        byte[] row = new byte[classes.size()];
        if (labels != null && labels.isArray()) {
            for (JsonNode label : labels) {
                int k = classes.indexOf(label.asText());
                if (k >= 0) {
                    row[k] = 1;
                }
            }
        }
        return row;
    }

    /** The items' one raster model (a stack spans collections only when they declare the same bands). */
    private RasterModel model(List<StackItem> items) {
        Map<String, RasterModel> byCollection = new LinkedHashMap<>();
        RasterModel model = null;
        for (StackItem item : items) {
            RasterModel m = byCollection.computeIfAbsent(item.collectionId(),
                    c -> crops.rasterModel(c, item.id(), item.assets()));
            if (model != null && !model.equals(m)) {
                throw ApiException.badRequest("the selection spans collections with different bands; stack one collection at a time");
            }
            model = m;
        }
        return model;
    }

    /** A band group's size where the collection declares none: the first item's (every item must match it). */
    private int[] firstItemSize(StackItem first, RasterModel model, List<String> bands) {
        return crops.storedSize(first.id(), first.assets(), model, bands.getFirst());
    }

    /** Writes everything but the pixels; returns where each dataset's pixels begin in the file. */
    private long[] writeHeader(Path file, Selection selection, RasterModel model, List<BandStack> datasets,
                               StackOptions options) {
        List<StackItem> items = selection.items();
        int n = items.size();
        NetcdfDimensions dimensions = new NetcdfDimensions();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("format", FORMAT);
            h5.putAttribute("item_count", (long) n);
            if (n == 0) {
                return new long[0]; // an empty selection is an empty stack (jHDF writes no zero-length arrays)
            }
            Set<String> collections = new LinkedHashSet<>();
            items.forEach(i -> collections.add(i.collectionId()));
            h5.putAttribute("collections", collections.toArray(String[]::new));
            int[] index = new int[n];
            java.util.Arrays.setAll(index, i -> i);
            dimensions.dimension(h5, ITEM, index).putAttribute("long_name", "item index, in search order");
            perItem(h5, dimensions, "ids", items.stream().map(StackItem::id));
            perItem(h5, dimensions, "collection", items.stream().map(StackItem::collectionId));
            perItem(h5, dimensions, ItemFields.SPLIT, items.stream().map(StackItem::split));
            perItem(h5, dimensions, "datetime", items.stream().map(StackItem::datetime));
            writeLabels(h5, dimensions, selection, n, options.classOrder());
            h5.putAttribute("band_names", datasets.stream().flatMap(d -> d.bands().stream()).map(Band::name).toArray(String[]::new));
            h5.putAttribute("grid", options.commonGrid() ? "common: " + (options.grid() != null ? "grid=" + options.grid()
                    : "resolution=" + options.resolution()) + ", nearest-neighbour resampling as crops" : "native: one dataset per band group");
            for (BandStack d : datasets) {
                String suffix = datasets.size() == 1 ? "" : "_" + d.name();
                String steps = d.timed() ? stepAxis(h5, dimensions, d, items, "_" + d.name()) : null;
                placeholder(h5, dimensions, d, suffix, steps);
            }
        }
        dimensions.finish(file);
        return TrailingData.place(file, datasets.stream()
                .map(d -> new TrailingData.Target(d.name(), d.timed()
                        ? new long[]{n, d.steps(), d.bands().size(), d.height(), d.width()}
                        : new long[]{n, d.bands().size(), d.height(), d.width()}, d.type().bytes()))
                .toList());
    }

    /** A text column along the item axis; {@code _Encoding} makes xarray give str, not bytes. */
    private static void perItem(WritableHdfFile h5, NetcdfDimensions dimensions, String name, java.util.stream.Stream<String> values) {
        WritableDataset ds = h5.putDataset(name, values.toArray(String[]::new));
        ds.putAttribute("_Encoding", "utf-8");
        dimensions.attach(ds, ITEM);
    }

    /**
     * The step axis {@code step<suffix>} of a dataset over time, with each item's steps: {@code datetime<suffix>}
     * (item, step), CF seconds since the epoch (xarray decodes it to datetime64, NaT where an item has fewer steps),
     * and {@code valid<suffix>} (item, step), 1 for a step the item has and 0 for padding; returns the axis' name.
     */
    private static String stepAxis(WritableHdfFile h5, NetcdfDimensions dimensions, BandStack d, List<StackItem> items,
                                   String suffix) {
        String axis = "step" + suffix;
        int[] index = new int[d.steps()];
        java.util.Arrays.setAll(index, i -> i);
        dimensions.dimension(h5, axis, index).putAttribute("long_name", "step index of " + d.name()
                + ", in time order; items with fewer steps are padded at the end");
        long[][] seconds = new long[items.size()][d.steps()];
        byte[][] valid = new byte[items.size()][d.steps()];
        for (int i = 0; i < items.size(); i++) {
            StepTimes times = items.get(i).steps().get(d.name());
            java.util.Arrays.fill(seconds[i], PADDING_TIME);
            for (int t = 0; times != null && t < times.count(); t++) {
                seconds[i][t] = times.at(t);
                valid[i][t] = 1;
            }
        }
        WritableDataset time = h5.putDataset("datetime" + suffix, seconds);
        time.putAttribute("standard_name", "time");
        time.putAttribute("units", "seconds since 1970-01-01 00:00:00");
        time.putAttribute("calendar", "proleptic_gregorian");
        time.putAttribute("_FillValue", PADDING_TIME);
        dimensions.attach(time, ITEM, axis);
        WritableDataset mask = h5.putDataset("valid" + suffix, valid, DatasetCreationOptions.builder().unsigned().build());
        mask.putAttribute("long_name", "1 where the item has this step, 0 where " + d.name() + " is padding (NaN, or the "
                + "band's nodata, or 0)");
        dimensions.attach(mask, ITEM, axis);
        return axis;
    }

    /** The datetime of a padding step: CF's fill, which xarray reads as NaT. */
    static final long PADDING_TIME = Long.MIN_VALUE + 1;

    /**
     * A dataset's place in the header, with its attributes and axes: (item, band, y, x), or (item, step, band, y, x)
     * over time, y and x as pixel indices.
     */
    private static void placeholder(WritableHdfFile h5, NetcdfDimensions dimensions, BandStack d, String suffix, String steps) {
        Class<?> element = BandArray.allocate(d.type(), 0, 0).data().getClass().getComponentType();
        Object placeholder = steps == null ? TrailingData.placeholder(element, d.bands().size())
                : java.lang.reflect.Array.newInstance(element, 1, 1, d.bands().size(), 1, 1);
        WritableDataset ds = d.type().unsigned()
                ? h5.putDataset(d.name(), placeholder, DatasetCreationOptions.builder().unsigned().build())
                : h5.putDataset(d.name(), placeholder);
        ds.putAttribute("band_names", d.bands().stream().map(Band::name).toArray(String[]::new));
        ds.putAttribute("data_type", d.type().id());
        ds.putAttribute("nodata", d.bands().stream().mapToDouble(b -> b.nodata() == null ? Double.NaN : b.nodata()).toArray());
        ds.putAttribute("scale", d.bands().stream().mapToDouble(Band::scaleOrOne).toArray());
        ds.putAttribute("offset", d.bands().stream().mapToDouble(Band::offsetOrZero).toArray());
        CfAxes.putPacking(ds, d.bands(), d.type());
        CfAxes.NumberedAxis band = CfAxes.numbered(h5, dimensions, "band", suffix, d.bands().stream().map(Band::name).toList());
        String[] yx = CfAxes.pixelCentres(h5, dimensions, suffix,
                new GridGeometry(d.width(), d.height(), new double[]{0, 1, 0, 0, 0, 1}), null);
        if (steps == null) {
            dimensions.attach(ds, ITEM, band.dimension(), yx[0], yx[1]);
        } else {
            dimensions.attach(ds, ITEM, steps, band.dimension(), yx[0], yx[1]);
        }
        ds.putAttribute("coordinates", ITEM_COORDINATES + " " + band.names() + (steps == null ? ""
                : " datetime_" + d.name() + " valid_" + d.name()));
    }

    /** One (N, K) multi-hot per label nomenclature the collections declare, its classes in {@code order}. */
    private static void writeLabels(WritableHdfFile h5, NetcdfDimensions dimensions, Selection selection, int n,
                                    ClassOrder order) {
        selection.classes().forEach((property, classes) -> {
            byte[] flat = selection.hot().get(property).toByteArray();
            byte[][] hot = new byte[n][];
            for (int i = 0; i < n; i++) {
                hot[i] = java.util.Arrays.copyOfRange(flat, i * classes.size(), (i + 1) * classes.size());
            }
            WritableDataset ds = h5.putDataset(property, hot, DatasetCreationOptions.builder().unsigned().build());
            ds.putAttribute("class_names", classes.toArray(String[]::new));
            ds.putAttribute("class_order", order.id());
            ds.putAttribute("encoding", "multi-hot: 1 where the item has the class");
            CfAxes.NumberedAxis axis = CfAxes.numbered(h5, dimensions, "class", "_" + property, classes);
            dimensions.attach(ds, ITEM, axis.dimension());
            ds.putAttribute("coordinates", ITEM_COORDINATES + " " + axis.names());
        });
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
