package io.patchserve.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;

/**
 * An item's STAC JSON as stored with the item (column {@code item.stac_json}): written once when the item is
 * written, and copied into search pages as it is, so that neither PostgreSQL nor the service writes an item's
 * properties, footprint and assets as JSON again for every page that shows it.
 * <p>
 * Its URLs (links, asset hrefs) depend on the request: behind a gateway the same item is served under another
 * scheme, host and path prefix. So every URL is stored as {@link #BASE_URL} followed by its path, and the
 * request's external base replaces the marker when the JSON is sent. The marker is a raw control character:
 * JSON text written by Jackson never contains one (it escapes them inside strings, and writes no whitespace
 * between tokens), so it cannot be mistaken for data.
 */
public final class StoredItemJson {

    /** Stands for the request's external base URL (JSON-escaped) in stored JSON. */
    public static final char BASE_URL = '\u0001';

    /**
     * Which rendering of {@link StacRenderer} the stored JSON is. Raise it whenever what the renderer writes for
     * an item changes: stored JSON of another version is then ignored and the item rendered from its columns,
     * until it is written again.
     */
    public static final short VERSION = 1;

    private StoredItemJson() {
    }

    /** Writes {@code path} below the external base URL as a JSON string, with the marker in place of the base. */
    static void writeUrl(JsonGenerator g, String path) throws IOException {
        StringBuilder value = new StringBuilder(path.length() + 3).append('"').append(BASE_URL);
        JsonStringEncoder.getInstance().quoteAsString(path, value);
        g.writeRawValue(value.append('"').toString());
    }

    /** The request's external base URL as it goes inside a JSON string. */
    public static String escapedBaseUrl(String baseUrl) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(baseUrl));
    }

    /** Writes stored item JSON as the next value of {@code g}, with the request's base URL in every URL. */
    public static void write(JsonGenerator g, String stored, String escapedBaseUrl) throws IOException {
        int marker = stored.indexOf(BASE_URL);
        if (marker < 0) {
            g.writeRawValue(stored);
            return;
        }
        // the first piece as a value, so that the generator puts the separator before it; the rest raw
        g.writeRawValue(stored, 0, marker);
        int from = marker + 1;
        while (true) {
            g.writeRaw(escapedBaseUrl);
            int next = stored.indexOf(BASE_URL, from);
            if (next < 0) {
                g.writeRaw(stored, from, stored.length() - from);
                return;
            }
            g.writeRaw(stored, from, next - from);
            from = next + 1;
        }
    }
}
