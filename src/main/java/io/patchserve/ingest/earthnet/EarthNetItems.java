package io.patchserve.ingest.earthnet;

import io.patchserve.catalog.ItemFields;
import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.ItemDraft;
import io.patchserve.ingest.LocalAsset;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.StacProjection;
import io.patchserve.raster.hdf5.ItemFiles;
import io.patchserve.raster.png.Rendering;
import io.patchserve.stac.MediaTypes;
import io.patchserve.stats.ItemPixels;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both EarthNet generations make of a cube: its HDF5 file, an RGB preview, the item and the collection. */
final class EarthNetItems {

    static final String DATA_ASSET = "data";
    static final String PREVIEW_ASSET = "preview";
    static final String DATA_TITLE = "Cube: series (T, C, H, W) with a CF time axis and static layers (C, H, W), one dataset per group (HDF5)";

    private EarthNetItems() {
    }

    static NewCollection collection(String id, RasterModel model, String title, String description, String license,
                                    String keyword, String citation) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("providers", List.of(
                Map.of("name", "EarthNet (Max Planck Institute for Biogeochemistry)", "roles", List.of("producer", "licensor"),
                        "url", "https://www.earthnet.tech"),
                Map.of("name", "Patchserve", "roles", List.of("host", "processor"))));
        extra.put("summaries", Map.of("constellation", List.of("sentinel-2"), "eo:bands", model.stacBands()));
        extra.put("item_assets", Map.of(
                DATA_ASSET, Map.of("type", MediaTypes.HDF5, "roles", List.of("data"), "title", DATA_TITLE,
                        "raster:bands", model.stacBands()),
                PREVIEW_ASSET, Map.of("type", MediaTypes.PNG, "roles", List.of("overview", "visual"),
                        "title", "RGB of the clearest frame (2-98 % stretch per cube)")));
        extra.put(RasterModel.KEY, model);
        extra.put("sci:citation", citation);
        return new NewCollection(id, title, description, license,
                List.of(keyword, "earthnet", "sentinel-2", "time series", "forecasting", "minicubes", "machine learning"), extra);
    }

    static ItemDraft draft(String source, String id, CubeName name, String split, Projection projection, Geometry footprint,
                           List<GroupRaster> groups, List<Instant> times, Map<String, Object> extraProps, RasterModel model,
                           WorkFiles work) throws IOException {
        ItemFiles.write(work.file("data.h5"), projection, groups, Map.of("item", id, "source", "EarthNet"), model.bandNames());
        Map<String, LocalAsset> assets = new LinkedHashMap<>();
        assets.put(DATA_ASSET, work.asset("data.h5", MediaTypes.HDF5, List.of("data"), DATA_TITLE, id + ".h5", ".h5"));
        GroupRaster preview = clearestFrame(groups, model.rgb());
        if (preview != null) {
            Rendering.writePreview(work.file("preview.png"), List.of(preview), model.rgb());
            assets.put(PREVIEW_ASSET, work.asset("preview.png", MediaTypes.PNG, List.of("overview", "visual"),
                    "RGB of the clearest frame", id + ".png", ".png"));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("constellation", "sentinel-2");
        if (split != null) {
            props.put(ItemFields.SPLIT, split);
        }
        if (name != null) {
            props.put("earthnet:tile", name.tile());
            props.put("earthnet:offsets", name.offsets());
        }
        Map<String, Object> steps = new LinkedHashMap<>();
        for (GroupRaster g : groups) {
            if (g.group().timed()) {
                steps.put(g.group().name(), g.times().stream().map(t -> Map.of("datetime", t.toString())).toList());
            }
        }
        props.put(ItemFields.STEPS, steps);
        props.putAll(extraProps);
        if (projection != null) {
            StacProjection.write(props, projection, groups.getFirst().grid());
        }
        Instant start = times.isEmpty() ? null : times.getFirst(), end = times.isEmpty() ? null : times.getLast();
        Instant datetime = start == null && name != null ? name.start().atStartOfDay().toInstant(java.time.ZoneOffset.UTC) : null;
        return new ItemDraft(source, id, footprint, datetime, start, end, props, assets, new ItemPixels(split, groups));
    }

    /** The step of the group holding the RGB bands with the most finite red pixels, as a group without time. */
    private static GroupRaster clearestFrame(List<GroupRaster> groups, List<String> rgb) {
        if (rgb.isEmpty()) {
            return null;
        }
        for (GroupRaster g : groups) {
            int red = g.group().bands().indexOf(rgb.getFirst());
            if (red < 0 || !g.group().bands().containsAll(rgb)) {
                continue;
            }
            int best = 0;
            long bestCount = -1;
            for (int t = 0; t < g.steps(); t++) {
                BandArray a = g.array(t, red);
                long n = 0;
                for (int i = 0; i < a.length(); i++) {
                    if (!Double.isNaN(a.get(i))) {
                        n++;
                    }
                }
                if (n > bestCount) {
                    best = t;
                    bestCount = n;
                }
            }
            return g.atStep(best);
        }
        return null;
    }
}
