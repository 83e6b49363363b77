package io.patchserve.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic set of labelled, georeferenced items for search tests, written as STAC Items in NDJSON.
 * Tests compute their expectations from {@link #items()} with plain Java, never from the service.
 */
public final class SearchFixtures {

    public static final List<String> CLASSES = List.of("Water bodies", "Urban fabric", "Forests", "Arable land", "Pastures");
    public static final List<String> SPLITS = List.of("train", "val", "test");

    /** One item: a small square footprint at (lon, lat), or a point when size is 0. */
    public record Fixture(String id, double lon, double lat, double size, Instant datetime, List<String> labels,
                          String split, Double cloudCover, String platform) {
        public boolean intersectsBox(double west, double south, double east, double north) {
            return lon - size <= east && lon + size >= west && lat - size <= north && lat + size >= south;
        }
    }

    private final List<Fixture> items = new ArrayList<>();

    public SearchFixtures(int count, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            double lon = Math.round((-170 + random.nextDouble() * 340) * 1000) / 1000.0;
            double lat = Math.round((-60 + random.nextDouble() * 130) * 1000) / 1000.0;
            Instant datetime = start.plusSeconds((long) (random.nextDouble() * 4 * 365 * 86400));
            List<String> labels = new ArrayList<>();
            for (String c : CLASSES) {
                if (random.nextDouble() < 0.35) {
                    labels.add(c);
                }
            }
            if (labels.isEmpty()) {
                labels.add(CLASSES.get(random.nextInt(CLASSES.size())));
            }
            Double cloud = i % 10 == 0 ? null : Math.round(random.nextDouble() * 1000) / 10.0;
            items.add(new Fixture(String.format("patch-%04d", i), lon, lat, 0.05, datetime, labels,
                    SPLITS.get(random.nextInt(3)), cloud, i % 2 == 0 ? "sentinel-2a" : "sentinel-2b"));
        }
        // items across the antimeridian, and a point
        items.add(new Fixture("east-of-dateline", 179.5, 0.5, 0.1, start.plusSeconds(3600), List.of("Water bodies"), "train", 5.0, "sentinel-2a"));
        items.add(new Fixture("west-of-dateline", -179.5, -0.5, 0.1, start.plusSeconds(7200), List.of("Water bodies"), "val", 6.0, "sentinel-2b"));
        items.add(new Fixture("a-point", 10.0, 45.0, 0, start.plusSeconds(10800), List.of("Urban fabric"), "test", 7.0, "sentinel-2a"));
    }

    public List<Fixture> items() {
        return items;
    }

    public Path writeNdjson(Path file, String collection) {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (Fixture f : items) {
            ObjectNode item = json.createObjectNode();
            item.put("type", "Feature");
            item.put("stac_version", "1.0.0");
            item.put("id", f.id());
            item.put("collection", collection);
            ObjectNode geometry = item.putObject("geometry");
            if (f.size() == 0) {
                geometry.put("type", "Point");
                geometry.putArray("coordinates").add(f.lon()).add(f.lat());
            } else {
                geometry.put("type", "Polygon");
                ArrayNode ring = geometry.putArray("coordinates").addArray();
                double s = f.size();
                ring.addArray().add(f.lon() - s).add(f.lat() - s);
                ring.addArray().add(f.lon() + s).add(f.lat() - s);
                ring.addArray().add(f.lon() + s).add(f.lat() + s);
                ring.addArray().add(f.lon() - s).add(f.lat() + s);
                ring.addArray().add(f.lon() - s).add(f.lat() - s);
            }
            ObjectNode p = item.putObject("properties");
            p.put("datetime", f.datetime().toString());
            ArrayNode labels = p.putArray("labels");
            f.labels().forEach(labels::add);
            p.put("split", f.split());
            if (f.cloudCover() != null) {
                p.put("eo:cloud_cover", f.cloudCover());
            }
            p.put("platform", f.platform());
            item.putArray("links");
            item.putObject("assets");
            lines.add(item.toString());
        }
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
