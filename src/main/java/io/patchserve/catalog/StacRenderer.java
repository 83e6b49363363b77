package io.patchserve.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.web.Links;
import jakarta.enterprise.context.ApplicationScoped;

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
        ObjectNode node = mapper.createObjectNode();
        node.put("type", "Feature");
        node.put("stac_version", STAC_VERSION);
        ArrayNode extensions = node.putArray("stac_extensions");
        node.put("id", item.itemId());
        node.put("collection", item.collectionId());
        if (item.geometry() == null) {
            node.putNull("geometry");
        } else {
            node.set("geometry", item.geometry());
            ArrayNode bbox = node.putArray("bbox");
            for (double d : item.bbox()) {
                bbox.add(d);
            }
        }
        ObjectNode properties = node.putObject("properties");
        properties.put("datetime", item.datetime() == null ? null : item.datetime().toString());
        if (item.startDatetime() != null) {
            properties.put("start_datetime", item.startDatetime().toString());
            properties.put("end_datetime", item.endDatetime().toString());
        }
        // Sorted by name: PostgreSQL's jsonb keeps no key order, and a stable order is easier to read and diff.
        List<String> names = new ArrayList<>();
        item.properties().fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            properties.set(name, item.properties().get(name));
        }
        if (!item.assets().isEmpty()) {
            names.add("file:checksum");
        }
        StacExtensions.forFields(names).forEach(extensions::add);

        ArrayNode l = node.putArray("links");
        String self = links.item(item.collectionId(), item.itemId());
        String collection = links.collection(item.collectionId());
        link(l, "self", self, GEOJSON, null);
        link(l, "parent", collection, JSON, null);
        link(l, "collection", collection, JSON, null);
        link(l, "root", links.root(), JSON, null);

        ObjectNode assets = node.putObject("assets");
        item.assets().forEach((key, asset) -> assets.set(key, asset(self, key, asset)));
        return node;
    }

    private ObjectNode asset(String itemHref, String key, StoredAsset asset) {
        ObjectNode node = mapper.createObjectNode();
        node.put("href", itemHref + "/assets/" + Links.segment(key));
        node.put("type", asset.type());
        if (asset.title() != null) {
            node.put("title", asset.title());
        }
        node.set("roles", mapper.valueToTree(asset.roles()));
        node.put("file:size", asset.size());
        node.put("file:checksum", multihash(asset.sha256()));
        return node;
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
