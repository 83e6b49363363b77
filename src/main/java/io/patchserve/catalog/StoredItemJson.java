package io.patchserve.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.patchserve.web.Links;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * An item's STAC JSON as stored with the item (column {@code item.stac_json}): written once when the item is
 * written, and copied into search pages as it is, so that neither PostgreSQL nor the service writes an item's
 * properties, footprint and assets as JSON again for every page that shows it.
 * <p>
 * Its URLs depend on the request (behind a gateway the same item is served under another scheme, host and path
 * prefix) and its links are the same four for every item, so neither is stored: the links array is stored as
 * {@link #LINKS} and each asset href as {@link #ITEM_URL} followed by its path below the item, and the request
 * fills them in when it sends the JSON. The markers are raw control characters: JSON text written by Jackson
 * never contains one (it escapes them inside strings and writes no whitespace between tokens), so they cannot
 * be mistaken for data.
 */
public final class StoredItemJson {

    /** Stands for the item's own URL (JSON-escaped) in stored JSON: an asset's href is this and its path. */
    public static final char ITEM_URL = '\u0001';
    /** Stands for the item's links array in stored JSON. */
    public static final char LINKS = '\u0002';

    /**
     * Which rendering of {@link StacRenderer} the stored JSON is. Raise it whenever what the renderer writes for
     * an item changes: stored JSON of another version is then ignored and the item rendered from its columns,
     * until it is written again.
     */
    public static final short VERSION = 2;

    /** Writes an item's URLs as markers, for {@link StacRenderer#storedJson}. */
    static final StacRenderer.ItemUrls MARKERS = new StacRenderer.ItemUrls() {
        @Override
        public void writeLinks(JsonGenerator g, String collectionId, String itemId) throws IOException {
            g.writeRawValue(String.valueOf(LINKS));
        }

        @Override
        public void writeBelowItem(JsonGenerator g, String collectionId, String itemId, String path) throws IOException {
            StringBuilder value = new StringBuilder(path.length() + 3).append('"').append(ITEM_URL);
            JsonStringEncoder.getInstance().quoteAsString(path, value);
            g.writeRawValue(value.append('"').toString());
        }
    };

    private StoredItemJson() {
    }

    /** Sends stored JSON with the URLs of one response: under its external base URL. */
    public static final class Sender {

        private static final String SELF_LINK_START = "[{\"rel\":\"self\",\"href\":\"";

        private final String base;
        /** Per collection: its URL (JSON-escaped), and the links array after the item's own URL. */
        private final Map<String, String[]> collections = new HashMap<>();

        public Sender(String baseUrl) {
            this.base = new String(JsonStringEncoder.getInstance().quoteAsString(baseUrl));
        }

        /** Writes the item's stored JSON as the next value of {@code g}, with this response's URLs filled in. */
        public void write(JsonGenerator g, StoredItem item) throws IOException {
            String[] collection = collections.computeIfAbsent(item.collectionId(), this::collectionUrls);
            // percent-encoded segments are plain ASCII, safe inside a JSON string as they are
            String itemUrl = collection[0] + "/items/" + Links.segment(item.itemId());
            String json = item.json();
            int from = 0;
            boolean first = true;
            for (int at = 0; at < json.length(); at++) {
                char c = json.charAt(at);
                if (c != ITEM_URL && c != LINKS) {
                    continue;
                }
                if (first) {
                    // the first piece as a value, so that the generator puts the separator before it; the rest raw
                    g.writeRawValue(json, 0, at);
                    first = false;
                } else {
                    g.writeRaw(json, from, at - from);
                }
                if (c == ITEM_URL) {
                    g.writeRaw(itemUrl);
                } else {
                    g.writeRaw(SELF_LINK_START);
                    g.writeRaw(itemUrl);
                    g.writeRaw(collection[1]);
                }
                from = at + 1;
            }
            if (first) {
                g.writeRawValue(json);
            } else {
                g.writeRaw(json, from, json.length() - from);
            }
        }

        private String[] collectionUrls(String collectionId) {
            String url = base + "/collections/" + Links.segment(collectionId);
            String afterSelf = "\",\"type\":\"" + StacRenderer.GEOJSON + "\"},"
                    + "{\"rel\":\"parent\",\"href\":\"" + url + "\",\"type\":\"" + StacRenderer.JSON + "\"},"
                    + "{\"rel\":\"collection\",\"href\":\"" + url + "\",\"type\":\"" + StacRenderer.JSON + "\"},"
                    + "{\"rel\":\"root\",\"href\":\"" + base + "/\",\"type\":\"" + StacRenderer.JSON + "\"}]";
            return new String[]{url, afterSelf};
        }
    }
}
