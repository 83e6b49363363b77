package io.patchserve.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.stac.StacExtensions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.http.Links;
import io.patchserve.stac.MediaTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns catalog rows into STAC 1.0.0 JSON with absolute links. */
@ApplicationScoped
public class StacRenderer {

    public static final String STAC_VERSION = "1.0.0";
    /** Multihash prefix of a SHA2-256 digest: function code 0x12, length 0x20. */
    private static final String SHA256_MULTIHASH_PREFIX = "1220";

    private static final String FILE_CHECKSUM = "file:checksum";
    private static final int MAX_REMEMBERED_FIELD_SETS = 1024;
    // Names and values written for every item, encoded once (a search page writes each of them hundreds of times).
    private static final SerializableString F_TYPE = new SerializedString("type");
    private static final SerializableString F_STAC_VERSION = new SerializedString("stac_version");
    private static final SerializableString F_STAC_EXTENSIONS = new SerializedString("stac_extensions");
    private static final SerializableString F_ID = new SerializedString("id");
    private static final SerializableString COLLECTION = new SerializedString("collection");
    private static final SerializableString F_GEOMETRY = new SerializedString("geometry");
    private static final SerializableString F_BBOX = new SerializedString("bbox");
    private static final SerializableString F_PROPERTIES = new SerializedString("properties");
    private static final SerializableString F_LINKS = new SerializedString("links");
    private static final SerializableString F_ASSETS = new SerializedString("assets");
    private static final SerializableString F_REL = new SerializedString("rel");
    private static final SerializableString F_HREF = new SerializedString("href");
    private static final SerializableString V_FEATURE = new SerializedString("Feature");
    private static final SerializableString V_STAC_VERSION = new SerializedString(STAC_VERSION);
    private static final SerializableString V_GEOJSON = new SerializedString(MediaTypes.GEOJSON);
    private static final SerializableString V_JSON = new SerializedString(MediaTypes.JSON);
    private static final SerializableString V_SELF = new SerializedString("self");
    private static final SerializableString V_PARENT = new SerializedString("parent");
    private static final SerializableString V_ROOT = new SerializedString("root");

    private final ObjectMapper mapper;
    private final java.util.function.Function<String, java.util.Optional<io.patchserve.raster.RasterModel>> models;
    private final Map<FieldSet, List<String>> extensionsByFields = new ConcurrentHashMap<>();

    /** Without collections' raster models: items render without their whole-patch array assets (unit tests). */
    StacRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
        this.models = collectionId -> java.util.Optional.empty();
    }

    @jakarta.inject.Inject
    public StacRenderer(ObjectMapper mapper, jakarta.enterprise.inject.Instance<RasterModels> models) {
        this.mapper = mapper;
        // looked up when first used: the models read collections through the catalog, which renders items
        this.models = collectionId -> models.get().of(collectionId);
    }

    /**
     * The collection with its vocabulary counts: {@code patchserve:counts} (items, per split, per class by split, per month, the bytes stored)
     * and the label extension's {@code label:overviews} in its summaries.
     */
    public ObjectNode collection(CollectionEntity c, Links links, ItemCounts.Vocabulary counts) {
        ObjectNode node = collection(c, links);
        ObjectNode countsNode = mapper.createObjectNode();
        countsNode.put("items", counts.items());
        countsNode.set("splits", mapper.valueToTree(counts.splits()));
        countsNode.set("classes", mapper.valueToTree(counts.classes()));
        countsNode.set("months", mapper.valueToTree(counts.months()));
        countsNode.put("bytes", counts.bytes());
        // right after the extent, where a reader of the collection looks for its size
        ObjectNode out = mapper.createObjectNode();
        node.fields().forEachRemaining(e -> {
            out.set(e.getKey(), e.getValue());
            if (e.getKey().equals("extent")) {
                out.set("patchserve:counts", countsNode);
            }
        });
        if (out.get("summaries") instanceof ObjectNode summaries && !counts.classes().isEmpty()) {
            summaries.set("label:overviews", mapper.valueToTree(ItemCounts.labelOverviews(counts)));
        }
        return out;
    }

    public ObjectNode collection(CollectionEntity c, Links links) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", "Collection");
        node.put("stac_version", STAC_VERSION);
        node.set("stac_extensions", mapper.createArrayNode());
        node.put("id", c.id);
        if (c.title != null) {
            node.put("title", c.title);
        }
        node.put("description", c.description);
        node.set("keywords", mapper.valueToTree(c.keywords));
        node.put("license", c.license);
        node.set("extent", extent(c));
        for (Map.Entry<String, Object> field : c.extra.entrySet()) {
            com.fasterxml.jackson.databind.JsonNode value = mapper.valueToTree(field.getValue());
            if (!field.getKey().equals(io.patchserve.raster.RasterModel.KEY)) {
                rasterNodataNames(value);
            }
            node.set(field.getKey(), value);
        }
        putLabelSummaries(node, LabelNomenclatures.of(c));
        putDerivedItemAssets(node, c.id);
        // every extension whose fields the collection uses, so that validators check them
        ArrayNode extensions = node.putArray("stac_extensions");
        StacExtensions.forTree(node).forEach(extensions::add);
        ArrayNode l = node.putArray("links");
        link(l, "self", links.collection(c.id), MediaTypes.JSON, c.title);
        link(l, "root", links.root(), MediaTypes.JSON, null);
        link(l, "parent", links.root(), MediaTypes.JSON, null);
        link(l, "items", links.items(c.id), MediaTypes.GEOJSON, "Items");
        link(l, "http://www.opengis.net/def/rel/ogc/1.0/queryables", links.collection(c.id) + "/queryables",
                MediaTypes.SCHEMA_JSON, "Queryables");
        return node;
    }

    /**
     * The class lists as the STAC label extension has them, which ML clients read: each nomenclature's property
     * and classes, tile classification (one vector label, the patch footprint, per item). Next to, not instead
     * of, {@code patchserve:classes}.
     */
    private void putLabelSummaries(ObjectNode collection, LabelNomenclatures labels) {
        if (labels.isEmpty()) {
            return;
        }
        JsonNode existing = collection.get("summaries");
        ObjectNode summaries = existing instanceof ObjectNode o ? o : collection.putObject("summaries");
        ArrayNode properties = summaries.putArray("label:properties");
        ArrayNode classes = summaries.putArray("label:classes");
        labels.classesByProperty().forEach((property, names) -> {
            properties.add(property);
            ObjectNode entry = classes.addObject();
            entry.put("name", property);
            names.forEach(entry.putArray("classes")::add);
        });
        summaries.putArray("label:type").add("vector");
        summaries.putArray("label:tasks").add("classification");
    }

    /**
     * The assets every item derives from its data (the whole-item GeoTIFF, the whole patch as HDF5 and .npy)
     * declared once in item_assets, with their bands (eo:bands, raster:bands in the type they are served in), as
     * the stored data asset is: what odc-stac and stackstac read to load them.
     */
    private void putDerivedItemAssets(ObjectNode collection, String collectionId) {
        if (!(collection.get("item_assets") instanceof ObjectNode itemAssets)) {
            return;
        }
        java.util.Optional<io.patchserve.raster.RasterModel> model = models.apply(collectionId);
        if (model.isEmpty() || model.get().bandNames().size() < 2) {
            return;
        }
        boolean hdf5 = false, raster = false;
        for (JsonNode asset : itemAssets) {
            boolean data = asset.path("roles").toString().contains("\"data\"");
            hdf5 |= data && MediaTypes.HDF5.equals(asset.path("type").asText());
            raster |= data && (MediaTypes.HDF5.equals(asset.path("type").asText()) || MediaTypes.PNG.equals(asset.path("type").asText()));
        }
        io.patchserve.raster.DataType common = model.get().commonType();
        List<java.util.Map<String, Object>> bands = model.get().stacBands().stream().map(b -> {
            java.util.Map<String, Object> widened = new java.util.LinkedHashMap<>(b);
            widened.put("data_type", common.id());
            return widened;
        }).toList();
        if (hdf5) {
            ObjectNode geotiff = itemAssets.putObject(GEOTIFF_ASSET);
            geotiff.put("type", MediaTypes.COG);
            geotiff.put("title", "All bands on the finest grid (GeoTIFF, made from the data on request)");
            geotiff.putArray("roles").add("data");
            geotiff.set("eo:bands", mapper.valueToTree(bands));
            geotiff.set("raster:bands", mapper.valueToTree(bands));
        }
        if (raster) {
            for (String[] form : new String[][]{{PATCH_H5_ASSET, MediaTypes.HDF5}, {PATCH_NPY_ASSET, MediaTypes.NPY}}) {
                ObjectNode patch = itemAssets.putObject(form[0]);
                patch.put("type", form[1]);
                patch.put("title", "The whole patch as one (C, H, W) " + common.id() + " array in the collection's band order");
                patch.putArray("roles").add("data");
                patch.set("eo:bands", mapper.valueToTree(bands));
                patch.set("raster:bands", mapper.valueToTree(bands));
            }
        }
    }

    /** The ML-AOI extension's name for an item's split, when its release's name has one. */
    static String mlAoiSplit(JsonNode split) {
        if (split == null || !split.isTextual()) {
            return null;
        }
        return switch (split.asText().toLowerCase(java.util.Locale.ROOT)) {
            case "train", "training" -> "train";
            case "val", "valid", "validation", "validate" -> "validate";
            case "test", "testing" -> "test";
            default -> null;
        };
    }

    private static final String ML_AOI_SPLIT = "ml-aoi:split";

    private ObjectNode extent(CollectionEntity c) {
        ObjectNode extent = mapper.createObjectNode();
        ArrayNode box = extent.putObject("spatial").putArray("bbox").addArray();
        if (c.extentWest != null) {
            box.add(c.extentWest).add(c.extentSouth).add(c.extentEast).add(c.extentNorth);
        } else {
            // No georeferenced item (yet): STAC needs a box, so claim the whole globe.
            box.add(-180.0).add(-90.0).add(180.0).add(90.0);
        }
        ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
        addInstant(interval, c.extentStart);
        addInstant(interval, c.extentEnd);
        return extent;
    }

    public ObjectNode item(ItemRow item, Links links) {
        // one way of writing an item (writeItem); the tree is for callers that edit it, such as the fields extension
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            writeItem(buffer, item, links);
            return (ObjectNode) mapper.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the item as STAC JSON straight to a generator: search pages stream items without building trees. */
    public void writeItem(JsonGenerator g, ItemRow item, Links links) throws IOException {
        writeItem(g, item, new AbsoluteUrls(links.base()));
    }

    /**
     * The item's STAC JSON as it is stored with the item: as {@link #writeItem} writes it, with its links and the
     * start of its asset hrefs left as markers for the request that serves it to fill in ({@link StoredItemJson}).
     */
    public String storedJson(ItemRow item) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            writeItem(g, item, StoredItemJson.MARKERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** How an item's URLs are written: absolute for one request, or as the markers of stored JSON. */
    interface ItemUrls {
        /** The value of "links": self, parent, collection and root. */
        void writeLinks(JsonGenerator g, String collectionId, String itemId) throws IOException;

        /** An href below the item's own URL, e.g. "/assets/image". */
        void writeBelowItem(JsonGenerator g, String collectionId, String itemId, String path) throws IOException;
    }

    /** The URLs of one request: under its external base. */
    record AbsoluteUrls(String base) implements ItemUrls {

        @Override
        public void writeLinks(JsonGenerator g, String collectionId, String itemId) throws IOException {
            String collection = base + Links.collectionPath(collectionId);
            g.writeStartArray();
            writeLink(g, V_SELF, base + Links.itemPath(collectionId, itemId), V_GEOJSON);
            writeLink(g, V_PARENT, collection, V_JSON);
            writeLink(g, COLLECTION, collection, V_JSON);
            writeLink(g, V_ROOT, base + "/", V_JSON);
            g.writeEndArray();
        }

        @Override
        public void writeBelowItem(JsonGenerator g, String collectionId, String itemId, String path) throws IOException {
            g.writeString(base + Links.itemPath(collectionId, itemId) + path);
        }
    }

    private void writeItem(JsonGenerator g, ItemRow item, ItemUrls urls) throws IOException {
        g.writeStartObject();
        g.writeFieldName(F_TYPE);
        g.writeString(V_FEATURE);
        g.writeFieldName(F_STAC_VERSION);
        g.writeString(V_STAC_VERSION);
        // Sorted by name: PostgreSQL's jsonb keeps no key order, and a stable order is easier to read and diff.
        List<String> names = new ArrayList<>(item.properties().size() + 2);
        item.properties().fieldNames().forEachRemaining(names::add);
        // the split once more under the ML-AOI extension's name and values (train, validate, test)
        String mlAoiSplit = item.properties().has(ML_AOI_SPLIT) ? null : mlAoiSplit(item.properties().get(ItemFields.SPLIT));
        if (mlAoiSplit != null) {
            names.add(ML_AOI_SPLIT);
        }
        names.sort(null);
        g.writeFieldName(F_STAC_EXTENSIONS);
        g.writeStartArray();
        for (String schema : extensionsFor(new FieldSet(names, !item.assets().isEmpty()))) {
            g.writeString(schema);
        }
        g.writeEndArray();
        g.writeFieldName(F_ID);
        g.writeString(item.itemId());
        g.writeFieldName(COLLECTION);
        g.writeString(item.collectionId());
        g.writeFieldName(F_GEOMETRY);
        if (item.geometry() == null) {
            g.writeNull();
        } else {
            JsonTrees.write(g, item.geometry());
            g.writeFieldName(F_BBOX);
            g.writeArray(item.bbox(), 0, item.bbox().length);
        }
        g.writeFieldName(F_PROPERTIES);
        g.writeStartObject();
        g.writeStringField("datetime", item.datetime() == null ? null : item.datetime().toString());
        if (item.startDatetime() != null) {
            g.writeStringField("start_datetime", item.startDatetime().toString());
            g.writeStringField("end_datetime", item.endDatetime().toString());
        }
        for (String name : names) {
            g.writeFieldName(name);
            if (mlAoiSplit != null && name.equals(ML_AOI_SPLIT)) {
                g.writeString(mlAoiSplit);
            } else {
                JsonTrees.write(g, item.properties().get(name));
            }
        }
        g.writeEndObject();

        g.writeFieldName(F_LINKS);
        urls.writeLinks(g, item.collectionId(), item.itemId());

        g.writeFieldName(F_ASSETS);
        g.writeStartObject();
        for (Map.Entry<String, StoredAsset> entry : item.assets().entrySet()) {
            StoredAsset asset = entry.getValue();
            g.writeObjectFieldStart(entry.getKey());
            g.writeFieldName(F_HREF);
            urls.writeBelowItem(g, item.collectionId(), item.itemId(), "/assets/" + Links.segment(entry.getKey()));
            g.writeStringField("type", asset.type());
            if (asset.title() != null) {
                g.writeStringField("title", asset.title());
            }
            g.writeArrayFieldStart("roles");
            for (String role : asset.roles()) {
                g.writeString(role);
            }
            g.writeEndArray();
            g.writeNumberField("file:size", asset.size());
            g.writeStringField(FILE_CHECKSUM, multihash(asset.sha256()));
            g.writeEndObject();
        }
        writeGeoTiffAsset(g, item, urls);
        writePatchArrayAssets(g, item, urls);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Keys of the whole patch as one (C, H, W) array, in HDF5 and in NumPy's format. */
    public static final String PATCH_H5_ASSET = "patch-h5", PATCH_NPY_ASSET = "patch-npy";

    /**
     * Every band of a multi-band item on its finest grid, in the collection's band order, as the one (C, H, W)
     * array a training loop wants: {@code crop.h5} and {@code crop.npy} without parameters (made on request,
     * byte-stable), with the array's shape and type stated so a loader can allocate before it downloads.
     */
    private void writePatchArrayAssets(JsonGenerator g, ItemRow item, ItemUrls urls) throws IOException {
        boolean raster = item.assets().values().stream().anyMatch(a -> a.roles() != null && a.roles().contains("data")
                && (a.type().equals(MediaTypes.HDF5) || a.type().equals(MediaTypes.PNG)));
        if (!raster) {
            return;
        }
        java.util.Optional<io.patchserve.raster.RasterModel> model = models.apply(item.collectionId());
        if (model.isEmpty() || model.get().bandNames().size() < 2) {
            return;
        }
        List<String> bands = model.get().bandNames();
        String dtype = model.get().commonType().id();
        JsonNode shape = item.properties().get("proj:shape");
        for (String[] form : new String[][]{{PATCH_H5_ASSET, "/crop.h5", MediaTypes.HDF5, "HDF5"},
                {PATCH_NPY_ASSET, "/crop.npy", MediaTypes.NPY, "NumPy .npy"}}) {
            g.writeObjectFieldStart(form[0]);
            g.writeFieldName(F_HREF);
            urls.writeBelowItem(g, item.collectionId(), item.itemId(), form[1]);
            g.writeStringField("type", form[2]);
            g.writeStringField("title", "The whole patch: " + bands.size() + " bands in the collection's order on the finest grid, (C, H, W) "
                    + dtype + " (" + form[3] + ", made from the data on request)");
            g.writeArrayFieldStart("roles");
            g.writeString("data");
            g.writeEndArray();
            if (shape != null && shape.isArray() && shape.size() == 2) {
                g.writeArrayFieldStart("patchserve:shape");
                g.writeNumber(bands.size());
                g.writeNumber(shape.get(0).asInt());
                g.writeNumber(shape.get(1).asInt());
                g.writeEndArray();
            }
            g.writeStringField("patchserve:dtype", dtype);
            g.writeArrayFieldStart("patchserve:bands");
            for (String band : bands) {
                g.writeString(band);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** The key of the whole-item GeoTIFF every georeferenced raster item links. */
    public static final String GEOTIFF_ASSET = "geotiff";

    /**
     * Every band of a georeferenced HDF5 item on its finest grid as one GeoTIFF ({@code crop.tif} without
     * parameters, computed on request and byte-stable), with role data: what GDAL's STACIT, odc-stac and
     * stackstac load, since none of them reads an HDF5 with several grids. Cloud-optimized when the CRS has an
     * EPSG code GeoTIFF keys hold. No file:size or checksum: the bytes are made, not stored.
     */
    private static void writeGeoTiffAsset(JsonGenerator g, ItemRow item, ItemUrls urls) throws IOException {
        JsonNode props = item.properties();
        boolean georeferenced = (props.has("proj:epsg") || props.has("proj:wkt2")) && props.has("proj:transform")
                && props.has("proj:shape");
        boolean hdf5 = item.assets().values().stream().anyMatch(a -> a.roles() != null && a.roles().contains("data")
                && a.type().equals(MediaTypes.HDF5));
        if (!georeferenced || !hdf5 || item.assets().containsKey(GEOTIFF_ASSET)) {
            return;
        }
        int epsg = props.path("proj:epsg").asInt(0);
        g.writeObjectFieldStart(GEOTIFF_ASSET);
        g.writeFieldName(F_HREF);
        urls.writeBelowItem(g, item.collectionId(), item.itemId(), "/crop.tif");
        g.writeStringField("type", epsg > 0 && epsg <= 0xFFFF ? MediaTypes.COG : MediaTypes.GEOTIFF);
        g.writeStringField("title", "All bands on the finest grid (GeoTIFF, made from the data on request)");
        g.writeArrayFieldStart("roles");
        g.writeString("data");
        g.writeEndArray();
        g.writeEndObject();
    }

    /** An item's property names, and whether its assets carry file:* fields. */
    private record FieldSet(List<String> propertyNames, boolean assetFileFields) {
    }

    /**
     * The extension schemas for these fields. Items of a collection share their field names, so the answer is
     * kept per field set (a bounded memo: it starts over past {@value #MAX_REMEMBERED_FIELD_SETS} sets).
     */
    private List<String> extensionsFor(FieldSet fields) {
        List<String> schemas = extensionsByFields.get(fields);
        if (schemas == null) {
            List<String> names = new ArrayList<>(fields.propertyNames());
            if (fields.assetFileFields()) {
                names.add(FILE_CHECKSUM);
            }
            schemas = List.copyOf(StacExtensions.forFields(names));
            if (extensionsByFields.size() >= MAX_REMEMBERED_FIELD_SETS) {
                extensionsByFields.clear();
            }
            extensionsByFields.put(new FieldSet(List.copyOf(fields.propertyNames()), fields.assetFileFields()), schemas);
        }
        return schemas;
    }

    /** A link object {rel, href, type}, written straight to a generator. */
    public static void writeLink(JsonGenerator g, String rel, String href, String type) throws IOException {
        writeLink(g, new SerializedString(rel), href, new SerializedString(type));
    }

    private static void writeLink(JsonGenerator g, SerializableString rel, String href, SerializableString type)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName(F_REL);
        g.writeString(rel);
        g.writeFieldName(F_HREF);
        g.writeString(href);
        g.writeFieldName(F_TYPE);
        g.writeString(type);
        g.writeEndObject();
    }

    /** The STAC file extension's checksum: a hex multihash of the SHA-256. */
    public static String multihash(String sha256Hex) {
        HexFormat.of().parseHex(sha256Hex); // fail loudly on a corrupt row rather than publish it
        return SHA256_MULTIHASH_PREFIX + sha256Hex;
    }

    public static ObjectNode link(ArrayNode links, String rel, String href, String type, String title) {
        ObjectNode link = links.addObject();
        link.put("rel", rel);
        link.put("href", href);
        if (type != null) {
            link.put("type", type);
        }
        if (title != null) {
            link.put("title", title);
        }
        return link;
    }

    private static void addInstant(ArrayNode array, Instant instant) {
        if (instant == null) {
            array.addNull();
        } else {
            array.add(instant.toString());
        }
    }

    /**
     * Collections declared before the raster extension's names were used carry Jackson's "NaN", "Infinity" and
     * "-Infinity" as nodata in raster:bands; STAC validators want "nan", "inf", "-inf". Renamed as they are sent
     * (the stored model under patchserve:raster keeps the form it is read back in).
     */
    private static void rasterNodataNames(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof ObjectNode object) {
            com.fasterxml.jackson.databind.JsonNode nodata = object.get("nodata");
            if (nodata != null && nodata.isTextual()) {
                switch (nodata.asText()) {
                    case "NaN" -> object.put("nodata", "nan");
                    case "Infinity" -> object.put("nodata", "inf");
                    case "-Infinity" -> object.put("nodata", "-inf");
                    default -> {
                    }
                }
            }
            object.forEach(StacRenderer::rasterNodataNames);
        } else if (node != null && node.isArray()) {
            node.forEach(StacRenderer::rasterNodataNames);
        }
    }
}
