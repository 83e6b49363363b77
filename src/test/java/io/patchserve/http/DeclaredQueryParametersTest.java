package io.patchserve.http;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes and their query parameters, read from the contract in openapi/ (anchors and $refs resolved). */
@Tag("unit")
class DeclaredQueryParametersTest {

    @SuppressWarnings("unchecked")
    private static DeclaredQueryParameters contract() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("openapi/openapi.yaml"))) {
            return new DeclaredQueryParameters((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in));
        }
    }

    @Test
    void findsEachRoutesDeclaredQueryParameters() throws Exception {
        DeclaredQueryParameters declared = contract();
        assertThat(declared.route("GET", "/collections/ben/items").orElseThrow().query())
                .contains("bbox", "datetime", "filter", "filter-lang", "limit", "token", "fields", "split").doesNotContain("labels");
        assertThat(declared.route("GET", "/collections/ben/items/S2A_1/crop.png").orElseThrow().query())
                .containsExactlyInAnyOrder("bands", "rescale", "window", "bbox", "bbox-crs", "width", "height",
                        "datetime", "step", "grid");
        // a YAML alias (*bundleParameters) and a $ref resolve like any parameter
        assertThat(declared.route("HEAD", "/collections/ben/bundle.tar").orElseThrow().query()).contains("assets", "filter-lang");
        assertThat(declared.route("GET", "/collections/ben/statistics").orElseThrow().query()).isEmpty();
    }

    @Test
    void aLiteralSegmentWinsOverATemplateVariableAndHeadFallsBackToGet() throws Exception {
        DeclaredQueryParameters declared = contract();
        assertThat(declared.route("GET", "/collections/ben/queryables").orElseThrow().template())
                .isEqualTo("/collections/{collectionId}/queryables");
        assertThat(declared.route("HEAD", "/collections/ben/bundle.h5").orElseThrow().template())
                .isEqualTo("/collections/{collectionId}/bundle.h5");
        assertThat(declared.route("GET", "/no/such/route")).isEmpty();
    }
}
