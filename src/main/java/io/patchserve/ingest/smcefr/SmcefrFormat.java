package io.patchserve.ingest.smcefr;

import io.patchserve.ingest.ArchiveLimits;

import io.patchserve.ingest.IngestLimits;

import io.patchserve.stac.MediaTypes;

import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.PerFileFormat;
import io.patchserve.storage.Digests;
import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.ItemDraft;
import io.patchserve.ingest.LocalAsset;
import io.patchserve.raster.png.Rendering;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.png.PngInspector;
import io.patchserve.ingest.Skipped;
import io.patchserve.ingest.SourceFile;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.png.PngRaster;
import io.patchserve.stats.ItemPixels;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SMCEFR: a flat folder (or .tar.gz) of Sentinel-3 OLCI RGB PNGs named by their product name. Each PNG is one
 * item without georeference; its properties come from the name, its bytes are stored as they are.
 */
@ApplicationScoped
public class SmcefrFormat implements PerFileFormat {

    public static final String NAME = "smcefr";
    public static final String IMAGE_ASSET = "image";
    public static final String THUMBNAIL_ASSET = "thumbnail";
    static final int THUMBNAIL_SIDE = 256;

    private final IngestLimits limits;

    public SmcefrFormat(IngestLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArchiveLimits archiveLimits() {
        return limits.archive();
    }

    @Override
    public NewCollection defaultCollection(String collectionId, Path source) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("providers", List.of(
                Map.of("name", "European Space Agency / Copernicus", "roles", List.of("producer", "licensor"),
                        "url", "https://sentinels.copernicus.eu/web/sentinel/missions/sentinel-3"),
                Map.of("name", "Patchserve", "roles", List.of("host", "processor"))));
        extra.put("summaries", Map.of(
                "constellation", List.of("sentinel-3"),
                "platform", List.of("sentinel-3a", "sentinel-3b"),
                "instruments", List.of("olci")));
        extra.put("item_assets", Map.of(
                IMAGE_ASSET, Map.of("type", MediaTypes.PNG, "roles", List.of("data", "visual"),
                        "title", "RGB patch (PNG, as published)"),
                THUMBNAIL_ASSET, Map.of("type", MediaTypes.PNG, "roles", List.of("thumbnail", "overview"),
                        "title", "Thumbnail (longest side " + THUMBNAIL_SIDE + " px)")));
        extra.put(RasterModel.KEY, RasterModel.RGB_PNG);
        return new NewCollection(collectionId,
                "SMCEFR: Sentinel-3 OLCI EFR RGB patches",
                "RGB patches rendered from Sentinel-3 OLCI Level-1 EFR products. Patches carry no georeference; "
                        + "each item's properties come from its Sentinel-3 product name (platform, sensing interval, "
                        + "creation time, cycle, relative orbit, frame, timeliness, baseline). Contains modified "
                        + "Copernicus Sentinel data.",
                "proprietary",
                List.of("sentinel-3", "olci", "efr", "rgb", "patches", "machine learning"),
                extra);
    }

    @Override
    public IngestEntry read(SourceFile file, Work work) throws IOException {
        String baseName = file.baseName();
        if (!baseName.toLowerCase(Locale.ROOT).endsWith(".png")) {
            return new Skipped(file.name(), "not a .png file");
        }
        SmcefrProductName product;
        try {
            product = SmcefrProductName.parse(baseName.substring(0, baseName.length() - 4));
        } catch (SmcefrProductName.InvalidNameException e) {
            return new Skipped(file.name(), e.getMessage());
        }
        MessageDigest sha256 = Digests.sha256();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        PngInspector.PngInfo png;
        try (InputStream in = new java.util.zip.CheckedInputStream(new DigestInputStream(
                new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16), sha256), crc)) {
            png = PngInspector.inspect(in);
        } catch (PngInspector.InvalidPngException e) {
            return new Skipped(file.name(), e.getMessage());
        }
        if (png.channels() < 3) {
            return new Skipped(file.name(), "not an RGB PNG (colour type " + png.colorType() + ")");
        }
        // decided from the header: a small file may declare a huge image, which decoding would not survive
        String tooLarge = limits.pixels().refusal(png.width(), png.height(), (long) png.channels() * Math.max(1, png.bitDepth() / 8));
        if (tooLarge != null) {
            return new Skipped(file.name(), tooLarge);
        }
        LocalAsset image = new LocalAsset(file.path(), MediaTypes.PNG, Files.size(file.path()), Digests.hex(sha256),
                List.of("data", "visual"), "RGB patch (PNG, as published)", product.name() + ".png", ".png", crc.getValue());
        List<BandArray> rgb = decodeRgb(file);
        Map<String, LocalAsset> assets = new LinkedHashMap<>();
        assets.put(IMAGE_ASSET, image);
        if (rgb != null && rgb.getFirst().type() == io.patchserve.raster.DataType.UINT8) {
            // galleries and STAC browsers show this one instead of fetching the whole published PNG
            WorkFiles files = work.files();
            Rendering.writeThumbnail(files.file("thumbnail.png"), rgb, THUMBNAIL_SIDE);
            assets.put(THUMBNAIL_ASSET, files.asset("thumbnail.png", MediaTypes.PNG, List.of("thumbnail", "overview"),
                    "Thumbnail (longest side " + THUMBNAIL_SIDE + " px)", product.name() + "-thumbnail.png", ".png"));
        }
        return new ItemDraft(file.name(), product.name(), null, product.midpoint(), product.start(), product.stop(),
                properties(product, png), assets, pixels(rgb));
    }

    /**
     * The patch's colour bands, decoded once for the collection's per-band statistics (normalisation values for
     * training) and the thumbnail. The PNG was checked chunk by chunk already; a decoder that still refuses it
     * only costs those two.
     */
    private static List<BandArray> decodeRgb(SourceFile file) {
        List<BandArray> bands;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16)) {
            bands = PngRaster.decode(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return bands.size() < 3 ? null : bands.subList(0, 3);
    }

    private static ItemPixels pixels(List<BandArray> rgb) {
        if (rgb == null) {
            return null;
        }
        RasterModel model = RasterModel.RGB_PNG;
        BandArray first = rgb.getFirst();
        GridGeometry pixelGrid = new GridGeometry(first.width(), first.height(), new double[]{0, 1, 0, 0, 0, 1});
        return new ItemPixels(null, List.of(new GroupRaster(model.groups().getFirst(), pixelGrid, model.bands(), rgb)));
    }


    private static Map<String, Object> properties(SmcefrProductName p, PngInspector.PngInfo png) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("constellation", "sentinel-3");
        props.put("platform", p.platform());
        props.put("instruments", List.of("olci"));
        props.put("created", p.created().toString());
        props.put("processing:level", p.processingLevel());
        props.put("sat:relative_orbit", p.relativeOrbit());
        props.put("s3:product_type", p.productType());
        props.put("s3:duration_seconds", p.durationSeconds());
        props.put("s3:cycle", p.cycle());
        props.put("s3:frame", p.frame());
        props.put("s3:centre", p.centre());
        props.put("s3:platform_class", p.platformClass());
        props.put("s3:timeliness", p.timelinessName());
        props.put("s3:baseline", p.baseline());
        props.put("s3:image_width", png.width());
        props.put("s3:image_height", png.height());
        return props;
    }
}
