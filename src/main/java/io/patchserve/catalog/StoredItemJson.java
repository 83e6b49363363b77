package io.patchserve.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.patchserve.http.Links;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    public static final short VERSION = 4;

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

    /**
     * Sends stored JSON with the URLs of one response (under its external base URL), as bytes: the stored UTF-8
     * goes to the output as it came from the database, never decoded into characters and encoded again.
     */
    public static final class Sender {

        /** Stands for the item in the links written once per collection, to be cut out around its URL. */
        private static final String SAMPLE_ITEM = "item";
        private static final JsonFactory JSON = new JsonFactory();

        private final String baseUrl;
        private final String escapedBase;
        /** Per collection: its links array before and after an item's own URL, as the renderer writes it. */
        private final Map<String, byte[][]> linksAroundItemUrl = new HashMap<>();

        public Sender(String baseUrl) {
            this.baseUrl = baseUrl;
            this.escapedBase = escape(baseUrl);
        }

        /**
         * Writes the item's stored JSON as the next value of {@code g}, with this response's URLs filled in:
         * the generator writes the separator and is flushed, then the bytes go to {@code out}, the stream the
         * generator writes to.
         */
        public void write(JsonGenerator g, OutputStream out, StoredItem item) throws IOException {
            g.writeRawValue("");
            g.flush();
            byte[][] links = linksAroundItemUrl.computeIfAbsent(item.collectionId(), this::linksAroundItemUrl);
            // a path is percent-encoded ASCII, safe inside a JSON string as it is
            byte[] itemUrl = (escapedBase + Links.itemPath(item.collectionId(), item.itemId())).getBytes(StandardCharsets.UTF_8);
            byte[] json = item.json();
            int from = 0;
            for (int at = 0; at < json.length; at++) {
                byte b = json[at];
                // UTF-8 encodes no character but these two as these bytes
                if (b != ITEM_URL && b != LINKS) {
                    continue;
                }
                out.write(json, from, at - from);
                if (b == LINKS) {
                    out.write(links[0]);
                    out.write(itemUrl);
                    out.write(links[1]);
                } else {
                    out.write(itemUrl);
                }
                from = at + 1;
            }
            out.write(json, from, json.length - from);
        }

        /** The renderer's own links of a sample item of the collection, split around that item's URL. */
        private byte[][] linksAroundItemUrl(String collectionId) {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(text)) {
                new StacRenderer.AbsoluteUrls(baseUrl).writeLinks(g, collectionId, SAMPLE_ITEM);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String links = text.toString();
            String itemUrl = escapedBase + Links.itemPath(collectionId, SAMPLE_ITEM);
            int at = links.indexOf(itemUrl); // the first link is the item's own
            return new byte[][]{links.substring(0, at).getBytes(StandardCharsets.UTF_8),
                    links.substring(at + itemUrl.length()).getBytes(StandardCharsets.UTF_8)};
        }

        private static String escape(String text) {
            return new String(JsonStringEncoder.getInstance().quoteAsString(text));
        }
    }
}
