package io.patchserve.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.web.Links;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns catalog rows into STAC 1.0.0 JSON with absolute links. */
@ApplicationScoped
public class StacRenderer {

    public static final String STAC_VERSION = "1.0.0";
    public static final String GEOJSON = "application/geo+json";
    public static final String JSON = "application/json";
    /** Multihash prefix of a SHA2-256 digest: function code 0x12, length 0x20. */
    private static final String SHA256_MULTIHASH_PREFIX = "1220";

    private final ObjectMapper mapper;

    public StacRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
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
            node.set(field.getKey(), mapper.valueToTree(field.getValue()));
        }
        ArrayNode l = node.putArray("links");
        link(l, "self", links.collection(c.id), JSON, c.title);
        link(l, "root", links.root(), JSON, null);
        link(l, "parent", links.root(), JSON, null);
        link(l, "items", links.items(c.id), GEOJSON, "Items");
        link(l, "http://www.opengis.net/def/rel/ogc/1.0/queryables", links.collection(c.id) + "/queryables",
                "application/schema+json", "Queryables");
        return node;
    }

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

    public ObjectNode item(ItemEntity item, Links links) {
        return item(ItemRow.of(item, mapper), links);
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
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("stac_version", STAC_VERSION);
        // Sorted by name: PostgreSQL's jsonb keeps no key order, and a stable order is easier to read and diff.
        List<String> names = new ArrayList<>(item.properties().size() + 1);
        item.properties().fieldNames().forEachRemaining(names::add);
        names.sort(null);
        List<String> extensionFields = names;
        if (!item.assets().isEmpty()) {
            extensionFields = new ArrayList<>(names);
            extensionFields.add("file:checksum");
        }
        g.writeArrayFieldStart("stac_extensions");
        for (String schema : StacExtensions.forFields(extensionFields)) {
            g.writeString(schema);
        }
        g.writeEndArray();
        g.writeStringField("id", item.itemId());
        g.writeStringField("collection", item.collectionId());
        g.writeFieldName("geometry");
        if (item.geometry() == null) {
            g.writeNull();
        } else {
            g.writeTree(item.geometry());
            g.writeFieldName("bbox");
            g.writeArray(item.bbox(), 0, item.bbox().length);
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("datetime", item.datetime() == null ? null : item.datetime().toString());
        if (item.startDatetime() != null) {
            g.writeStringField("start_datetime", item.startDatetime().toString());
            g.writeStringField("end_datetime", item.endDatetime().toString());
        }
        for (String name : names) {
            g.writeFieldName(name);
            g.writeTree(item.properties().get(name));
        }
        g.writeEndObject();

        String self = links.item(item.collectionId(), item.itemId());
        String collection = links.collection(item.collectionId());
        g.writeArrayFieldStart("links");
        writeLink(g, "self", self, GEOJSON);
        writeLink(g, "parent", collection, JSON);
        writeLink(g, "collection", collection, JSON);
        writeLink(g, "root", links.root(), JSON);
        g.writeEndArray();

        g.writeObjectFieldStart("assets");
        for (Map.Entry<String, StoredAsset> entry : item.assets().entrySet()) {
            StoredAsset asset = entry.getValue();
            g.writeObjectFieldStart(entry.getKey());
            g.writeStringField("href", self + "/assets/" + Links.segment(entry.getKey()));
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
            g.writeStringField("file:checksum", multihash(asset.sha256()));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A link object {rel, href, type}, written straight to a generator. */
    public static void writeLink(JsonGenerator g, String rel, String href, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("rel", rel);
        g.writeStringField("href", href);
        g.writeStringField("type", type);
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
}
