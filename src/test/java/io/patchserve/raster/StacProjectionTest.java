package io.patchserve.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection fields as the STAC projection extension spells them, written by formats and read by crops. */
@Tag("unit")
class StacProjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whatAFormatWritesACropReadsBack() {
        GridGeometry grid = new GridGeometry(120, 120, new double[]{399960, 10, 0, 5300040, 0, -10});
        Map<String, Object> properties = new LinkedHashMap<>();
        StacProjection.write(properties, Projection.forEpsg(32633), grid);
        JsonNode stored = JSON.valueToTree(properties);

        assertThat(stored.get("proj:epsg").intValue()).isEqualTo(32633);
        assertThat(stored.get("proj:shape").toString()).isEqualTo("[120,120]");
        assertThat(stored.get("proj:transform").toString()).isEqualTo("[10.0,0.0,399960.0,0.0,-10.0,5300040.0]");
        StacProjection read = StacProjection.read(stored).orElseThrow();
        assertThat(read.crs().epsg()).isEqualTo(32633);
        assertThat(read.grid(120, 120).transform()).containsExactly(grid.transform());
    }

    @Test
    void anItemWithoutATransformHasNoGeoreference() throws Exception {
        assertThat(StacProjection.read(JSON.readTree("{\"proj:epsg\": 4326}"))).isEmpty();
        assertThat(StacProjection.read(JSON.readTree("{\"proj:transform\": [1, 0, 0]}"))).isEmpty();
        assertThat(StacProjection.read(JSON.readTree("{\"proj:transform\": [1, 0, 0, 0, -1, 0]}")).orElseThrow().crs()).isNull();
    }
}
