package io.patchserve.bundle;

import io.patchserve.catalog.LabelNomenclatures;
import io.patchserve.catalog.ItemFields;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.ItemStore;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.config.BundleConfig;
import io.patchserve.config.TempConfig;
import io.patchserve.error.ApiException;
import io.patchserve.storage.Digests;
import io.patchserve.search.SearchRequest;
import io.patchserve.search.SearchService;
import io.patchserve.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Turns a selection (search parameters + asset keys) into a {@link BundlePlan}: one pass over the matching
 * items in search order (newest first unless sortby says otherwise; ties by collection and id, so the order is
 * total and stable), writing the entry list and the manifests to disk as it goes. The archive is:
 * <pre>
 *   LICENSE.txt        each collection's license and links
 *   CITATION.txt       each collection's citation (sci:citation), when any has one
 *   manifest.json      per item: collection, id, datetime, bbox, labels (each of its collection's nomenclatures),
 *                      split, files (path, size, sha256)
 *   manifest.csv       the same, one row per file (labels: the collection's first nomenclature)
 *   {collection}/{item}/{file} ...
 * </pre>
 */
@ApplicationScoped
public class BundlePlanner {

    static final String FORMAT_VERSION = "patchserve-bundle/1";
    /** Every other file of the archive with its SHA-256, in the format {@code sha256sum -c} checks. */
    static final String SHA256SUMS = "SHA256SUMS";
    private static final int PAGE = 1000;

    private final SearchService search;
    private final CatalogService catalog;
    private final ItemStore items;
    private final ObjectStore store;
    private final BundleConfig config;
    private final TempConfig temp;
    private final ObjectMapper mapper;

    public BundlePlanner(SearchService search, CatalogService catalog, ItemStore items, ObjectStore store,
                         BundleConfig config, TempConfig temp, ObjectMapper mapper) {
        this.search = search;
        this.catalog = catalog;
        this.items = items;
        this.store = store;
        this.config = config;
        this.temp = temp;
        this.mapper = mapper;
    }

    /** Plans the bundle of {@code request}'s matches; {@code assetKeys} empty means every asset with role "data". */
    BundlePlan plan(SearchRequest request, List<String> assetKeys) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(temp.dir()), "patchserve-bundle-");
        boolean done = false;
        try {
            BundlePlan plan = build(dir, request, assetKeys);
            done = true;
            return plan;
        } finally {
            if (!done) {
                new BundlePlan(dir, 0, 0, 0, 0, 0, "").close();
            }
        }
    }

    private BundlePlan build(Path dir, SearchRequest request, List<String> assetKeys) throws IOException {
        Set<String> requested = new TreeSet<>(assetKeys);
        Set<String> seenKeys = new TreeSet<>();
        Map<String, CollectionEntity> collections = new TreeMap<>();
        Tally tally = new Tally();
        Path dataEntries = dir.resolve("data.tsv");
        Counted json = new Counted(dir.resolve("manifest.json"));
        Counted csv = new Counted(dir.resolve("manifest.csv"));
        Counted sums = new Counted(dir.resolve(SHA256SUMS));
        try {
            try (Writer data = Files.newBufferedWriter(dataEntries, StandardCharsets.UTF_8);
                 JsonGenerator manifest = mapper.getFactory().createGenerator(json.stream)) {
                csv.writer.write("collection,item,datetime,bbox,labels,split,path,asset,size,sha256\n");
                manifest.writeStartObject();
                manifest.writeStringField("format", FORMAT_VERSION);
                manifest.writeArrayFieldStart("items");
                search.forEachPage(request, PAGE, page -> {
                    for (ItemRow item : page.items()) {
                        tally.items++;
                        if (tally.items > config.maxItems()) {
                            throw tooLarge("more than " + config.maxItems() + " items (at least " + Math.max(tally.items, page.matched())
                                    + " match)");
                        }
                        LabelNomenclatures labelSets = LabelNomenclatures.of(
                                collections.computeIfAbsent(item.collectionId(), catalog::collection));
                        seenKeys.addAll(item.assets().keySet());
                        manifest.writeStartObject();
                        manifest.writeStringField("collection", item.collectionId());
                        manifest.writeStringField("id", item.itemId());
                        manifest.writeStringField("datetime", item.datetime() == null ? null : item.datetime().toString());
                        if (item.bbox() != null) {
                            manifest.writeFieldName("bbox");
                            manifest.writeArray(item.bbox(), 0, 4);
                        }
                        List<String> fields = new ArrayList<>(labelSets.properties());
                        fields.add(ItemFields.SPLIT);
                        for (String field : fields) {
                            JsonNode value = item.properties().get(field);
                            if (value != null && !value.isNull()) {
                                manifest.writeFieldName(field);
                                manifest.writeTree(value);
                            }
                        }
                        manifest.writeArrayFieldStart("files");
                        for (Map.Entry<String, StoredAsset> e : new TreeMap<>(item.assets()).entrySet()) {
                            StoredAsset asset = e.getValue();
                            boolean wanted = requested.isEmpty() ? asset.roles() != null && asset.roles().contains("data")
                                    : requested.contains(e.getKey());
                            if (!wanted) {
                                continue;
                            }
                            if (!tally.storageChecked) {
                                store.size(asset.objectKey()); // S3 down: 503 now, not a broken archive later
                                tally.storageChecked = true;
                            }
                            long crc = asset.crc32() != null ? asset.crc32() : computeCrc(item, e.getKey(), asset);
                            String path = item.collectionId() + "/" + item.itemId() + "/" + fileName(e.getKey(), asset);
                            tally.files++;
                            tally.bytes += asset.size();
                            if (tally.bytes > config.maxBytes()) {
                                throw tooLarge("more than " + config.maxBytes() + " bytes of assets (" + tally.items + " items so far)");
                            }
                            data.write(new BundlePlan.Entry(path, asset.size(), asset.sha256(), crc, false, asset.objectKey()).line());
                            sums.writer.write(asset.sha256() + "  " + path + "\n");
                            manifest.writeStartObject();
                            manifest.writeStringField("path", path);
                            manifest.writeStringField("asset", e.getKey());
                            manifest.writeStringField("type", asset.type());
                            manifest.writeNumberField("size", asset.size());
                            manifest.writeStringField("sha256", asset.sha256());
                            manifest.writeEndObject();
                            csv.writer.write(String.join(",", csvField(item.collectionId()), csvField(item.itemId()),
                                    csvField(item.datetime() == null ? "" : item.datetime().toString()), csvField(bbox(item)),
                                    csvField(primaryLabels(item, labelSets)), csvField(text(item, ItemFields.SPLIT)), csvField(path), csvField(e.getKey()),
                                    Long.toString(asset.size()), asset.sha256()) + "\n");
                        }
                        manifest.writeEndArray();
                        manifest.writeEndObject();
                    }
                });
                manifest.writeEndArray();
                manifest.writeArrayFieldStart("collections");
                for (String id : collections.keySet()) {
                    manifest.writeString(id);
                }
                manifest.writeEndArray();
                manifest.writeNumberField("item_count", tally.items);
                manifest.writeNumberField("file_count", tally.files);
                manifest.writeNumberField("bytes", tally.bytes);
                manifest.writeEndObject();
            }
            csv.close();
            if (!requested.isEmpty()) {
                Set<String> known = new TreeSet<>(seenKeys);
                collections.values().forEach(c -> known.addAll(declaredAssetKeys(c)));
                request.collections().forEach(id -> known.addAll(declaredAssetKeys(catalog.collection(id))));
                Set<String> unknown = new TreeSet<>(requested);
                unknown.removeAll(known);
                if (!unknown.isEmpty() && !(known.isEmpty() && tally.items == 0)) {
                    throw ApiException.badRequest("unknown asset key(s) " + unknown + "; these items have " + known);
                }
            }
            List<BundlePlan.Entry> head = new ArrayList<>();
            head.add(generated(dir, "LICENSE.txt", license(collections.values())));
            String citation = citation(collections.values());
            if (!citation.isEmpty()) {
                head.add(generated(dir, "CITATION.txt", citation));
            }
            head.add(new BundlePlan.Entry("manifest.json", json.count(), json.sha256(), json.crc(), true, "manifest.json"));
            head.add(new BundlePlan.Entry("manifest.csv", csv.count(), csv.sha256(), csv.crc(), true, "manifest.csv"));
            for (BundlePlan.Entry e : head) {
                sums.writer.write(e.sha256() + "  " + e.path() + "\n");
            }
            sums.close();
            head.add(new BundlePlan.Entry(SHA256SUMS, sums.count(), sums.sha256(), sums.crc(), true, SHA256SUMS));
            return finish(dir, head, dataEntries, tally.items, tally.files, tally.bytes);
        } finally {
            csv.close(); // closing twice is harmless; a refused plan leaves no file open
            sums.close();
        }
    }

    /** Writes the full entry list and computes the archive's length, CRC-32 and digest from the entries alone. */
    private static BundlePlan finish(Path dir, List<BundlePlan.Entry> head, Path dataEntries, long items, long files,
                                     long bytes) throws IOException {
        MessageDigest digest = Digests.sha256();
        digest.update((FORMAT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
        long[] length = {0};
        long[] crc = {new CRC32().getValue()};
        try (BufferedWriter out = Files.newBufferedWriter(BundlePlan.entriesFile(dir), StandardCharsets.UTF_8)) {
            java.util.function.Consumer<BundlePlan.Entry> add = e -> {
                try {
                    out.write(e.line());
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                digest.update((e.path() + "\t" + e.size() + "\t" + e.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
                byte[] header = TarHeaders.file(e.path(), e.size());
                crc[0] = Crc32s.combine(crc[0], crc(header, header.length), header.length);
                crc[0] = Crc32s.combine(crc[0], e.crc32(), e.size());
                int pad = TarHeaders.padding(e.size());
                crc[0] = Crc32s.combine(crc[0], crc(new byte[pad], pad), pad);
                length[0] += header.length + e.size() + pad;
            };
            head.forEach(add);
            try (var lines = Files.lines(dataEntries, StandardCharsets.UTF_8)) {
                lines.map(BundlePlan.Entry::parse).forEach(add);
            }
        }
        byte[] end = new byte[2 * TarHeaders.BLOCK];
        crc[0] = Crc32s.combine(crc[0], crc(end, end.length), end.length);
        length[0] += end.length;
        Files.delete(dataEntries);
        return new BundlePlan(dir, items, files, bytes, length[0], crc[0], Digests.hex(digest));
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 c = new CRC32();
        c.update(bytes, 0, length);
        return c.getValue();
    }

    private static BundlePlan.Entry generated(Path dir, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(name), bytes);
        MessageDigest sha = Digests.sha256();
        sha.update(bytes);
        return new BundlePlan.Entry(name, bytes.length, Digests.hex(sha), crc(bytes, bytes.length), true, name);
    }

    /** Reads an object once to learn its CRC-32 (assets stored before ingest recorded it) and records it. */
    private long computeCrc(ItemRow item, String key, StoredAsset asset) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = store.open(asset.objectKey(), 0, -1)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        items.recordCrc32(item.collectionId(), item.itemId(), key, crc.getValue());
        return crc.getValue();
    }

    private static String fileName(String key, StoredAsset asset) {
        if (asset.fileName() != null && !asset.fileName().isBlank() && !asset.fileName().contains("/")) {
            return asset.fileName();
        }
        String objectKey = asset.objectKey();
        int dot = objectKey.lastIndexOf('.');
        return key + (dot > objectKey.lastIndexOf('/') ? objectKey.substring(dot) : "");
    }

    private static Set<String> declaredAssetKeys(CollectionEntity c) {
        Object itemAssets = c.extra.get("item_assets");
        return itemAssets instanceof Map<?, ?> m ? new TreeSet<>(m.keySet().stream().map(String::valueOf).toList()) : Set.of();
    }

    private static String license(java.util.Collection<CollectionEntity> collections) {
        StringBuilder s = new StringBuilder();
        if (collections.isEmpty()) {
            s.append("This bundle is empty: no item matched the request.\n");
        }
        for (CollectionEntity c : collections) {
            s.append(c.id).append(": ").append(c.title == null ? "" : c.title).append('\n');
            s.append("  license: ").append(c.license).append('\n');
            if (c.extra.get("providers") instanceof List<?> providers) {
                for (Object p : providers) {
                    if (p instanceof Map<?, ?> m && m.get("name") != null) {
                        s.append("  provider: ").append(m.get("name"));
                        if (m.get("url") != null) {
                            s.append(" <").append(m.get("url")).append('>');
                        }
                        s.append('\n');
                    }
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String citation(java.util.Collection<CollectionEntity> collections) {
        StringBuilder s = new StringBuilder();
        for (CollectionEntity c : collections) {
            Object citation = c.extra.get("sci:citation");
            if (citation != null) {
                s.append(c.id).append(":\n  ").append(citation).append("\n\n");
            }
        }
        return s.toString();
    }

    private static String bbox(ItemRow item) {
        if (item.bbox() == null) {
            return "";
        }
        double[] b = item.bbox();
        return b[0] + " " + b[1] + " " + b[2] + " " + b[3];
    }

    /** The labels of the collection's first nomenclature, joined by '|' (the CSV's one labels column). */
    private static String primaryLabels(ItemRow item, LabelNomenclatures labelSets) {
        if (labelSets.isEmpty()) {
            return "";
        }
        JsonNode labels = item.properties().get(labelSets.properties().getFirst());
        if (labels == null || !labels.isArray()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        labels.forEach(l -> out.add(l.asText()));
        return String.join("|", out);
    }

    private static String text(ItemRow item, String field) {
        JsonNode v = item.properties().get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static ApiException tooLarge(String what) {
        return ApiException.tooLarge("the bundle would hold " + what
                + "; narrow the selection (bbox, datetime, filter, ids) or download it in parts");
    }

    /** What the planning pass has counted so far. */
    private static final class Tally {
        long items;
        long files;
        long bytes;
        boolean storageChecked;
    }

    /** A file written through counters: its length, SHA-256 and CRC-32 come out with it. */
    private static final class Counted {
        final MessageDigest sha = Digests.sha256();
        final CRC32 crc = new CRC32();
        final CountingStream counter;
        final OutputStream stream;
        final Writer writer;

        Counted(Path file) throws IOException {
            counter = new CountingStream(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            stream = new CheckedOutputStream(new DigestOutputStream(counter, sha), crc);
            writer = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
        }

        void close() throws IOException {
            writer.close();
        }

        long count() {
            return counter.count;
        }

        String sha256() {
            return Digests.hex(sha);
        }

        long crc() {
            return crc.getValue();
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
