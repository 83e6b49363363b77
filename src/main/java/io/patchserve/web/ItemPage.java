package io.patchserve.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.RasterModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An item's page: its preview, properties, assets with size and checksum, and what the crop tool offers (the
 * collection's bands, its RGB, and for bands over time each group's steps).
 *
 * @param steps per band with a time axis, its group's step datetimes (the step slider)
 */
public record ItemPage(String base, String collectionUrl, String itemUrl, String collectionId, String collectionTitle, String id,
                       String geometryJson,
                       String preview, List<Row> properties, List<AssetRow> assets, List<String> bands, List<String> rgb,
                       Map<String, List<String>> steps, int width, int height) {

    /** One band's grey-scale image: its name and crop URL. */
    public record BandImage(String band, String url) {
    }

    /** Every band as a small grey-scale crop (a band over time at its first step: a PNG holds one). */
    public List<BandImage> bandImages() {
        List<BandImage> out = new ArrayList<>();
        for (String b : bands) {
            out.add(new BandImage(b, itemUrl + "/crop.png?bands=" + java.net.URLEncoder.encode(b, java.nio.charset.StandardCharsets.UTF_8)
                    + "&width=96" + (steps.containsKey(b) ? "&step=0" : "")));
        }
        return out;
    }

    /** The whole item in the default bands, as the crop tool's script asks for it first. */
    public String overviewUrl() {
        return itemUrl + "/crop.png" + (rgb.isEmpty() ? "" : "?bands=" + java.net.URLEncoder.encode(String.join(",", rgb), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One property: its name and its value as JSON text. */
    public record Row(String name, String value) {
    }

    /** One asset: key, title, type, size and checksum, and its URL. */
    public record AssetRow(String key, String title, String type, String size, String sha256, String href) {
    }

    static ItemPage of(String base, String collectionUrl, String itemUrl, String collectionTitle, ItemRow item,
                       Map<String, String> hrefs, RasterModel model) {
        List<Row> rows = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = item.properties().fields();
        String preview = null;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals(ItemFields.STEPS) || f.getKey().equals(ItemFields.SELECTIONS)) {
                continue; // long lists: the step slider shows them
            }
            String value = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
            rows.add(new Row(f.getKey(), value.length() > 300 ? value.substring(0, 300) + " …" : value));
        }
        List<AssetRow> assets = new ArrayList<>();
        for (Map.Entry<String, StoredAsset> a : item.assets().entrySet()) {
            StoredAsset s = a.getValue();
            assets.add(new AssetRow(a.getKey(), s.title() == null ? "" : s.title(), s.type(), size(s.size()), s.sha256(), hrefs.get(a.getKey())));
            if (preview == null && (a.getKey().equals("preview") || a.getKey().equals("thumbnail") || a.getKey().equals("image"))) {
                preview = hrefs.get(a.getKey());
            }
        }
        Map<String, List<String>> steps = new java.util.LinkedHashMap<>();
        List<String> bands = model == null ? List.of() : model.bandNames();
        if (model != null) {
            JsonNode listed = item.properties().path(ItemFields.STEPS);
            for (BandGroup g : model.groups()) {
                if (g.timed() && listed.has(g.name())) {
                    List<String> times = new ArrayList<>();
                    listed.path(g.name()).forEach(s -> times.add(s.path("datetime").asText()));
                    g.bands().forEach(b -> steps.put(b, times));
                }
            }
        }
        JsonNode proj = item.properties().path("proj:shape");
        int height = proj.isArray() && proj.size() == 2 ? proj.get(0).asInt() : 0, width = proj.isArray() && proj.size() == 2 ? proj.get(1).asInt() : 0;
        return new ItemPage(base, collectionUrl, itemUrl, item.collectionId(), collectionTitle, item.itemId(),
                item.geometry() == null || item.geometry().isNull() ? "null" : item.geometry().toString(), preview, rows, assets, bands,
                model == null ? List.of() : model.rgb(), steps, width, height);
    }

    /** The steps as a JSON object for the page's script: band -> [datetime, ...]. */
    public String stepsJson() {
        try {
            return JSON.writeValueAsString(steps);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings always writes
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Bytes for people: B, KiB, MiB, GiB, TiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
