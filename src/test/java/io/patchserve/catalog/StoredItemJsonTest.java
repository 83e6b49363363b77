package io.patchserve.catalog;

import io.patchserve.stac.GeoJson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.http.Links;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form of an item's JSON: written once without a base URL, sent with the request's own. */
@Tag("unit")
class StoredItemJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final StacRenderer stac = new StacRenderer(mapper);

    private ItemRow item() {
        ObjectNode properties = mapper.createObjectNode();
        // a control character (the marker itself) and a quote in the data must come out as data
        properties.put("note", "a\u0001b \"quoted\"");
        properties.putArray("labels").add("Arable land").add("Pastures");
        properties.put("eo:cloud_cover", 12.5);
        StoredAsset image = new StoredAsset("objects/ab", "image/png", 1234, "ab".repeat(32), List.of("data"), "Image", "x.png");
        NewItem item = new NewItem("my coll", "item/1 é", GeoJson.WGS84.createPoint(new Coordinate(10.5, -3.25)),
                Instant.parse("2021-05-06T07:08:09.123Z"), null, null, mapper.convertValue(properties, Map.class),
                Map.of("image file", image), "hash");
        return ItemRow.of(item, mapper);
    }

    private JsonNode sentWith(String stored, String base) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartArray();
            StoredItemJson.Sender sender = new StoredItemJson.Sender(base);
            byte[] utf8 = stored.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sender.write(g, out, new StoredItem("my coll", "item/1 é", utf8));
            g.writeNumber(7); // a value written by the generator after stored ones gets its separator
            sender.write(g, out, new StoredItem("my coll", "item/1 é", utf8));
            g.writeEndArray();
        }
        return mapper.readTree(out.toByteArray());
    }

    private JsonNode renderedFor(String base) throws Exception {
        Links links = new Links() {
            @Override
            public String base() {
                return base;
            }
        };
        StringWriter out = new StringWriter();
        try (JsonGenerator g = mapper.createGenerator(out)) {
            stac.writeItem(g, item(), links);
        }
        return mapper.readTree(out.toString());
    }

    @Test
    void storedJsonSentWithABaseUrlIsWhatTheRendererWritesForThatBase() throws Exception {
        String stored = stac.storedJson(item());
        assertThat(stored).doesNotContain("localhost").doesNotContain("my%20coll")
                .contains("\"links\":" + StoredItemJson.LINKS + ",").contains("\"href\":\"" + StoredItemJson.ITEM_URL + "/assets/image%20file\"");
        for (String base : List.of("http://localhost:8080", "https://eo.example.org/eo", "https://h/\"odd\\path")) {
            JsonNode page = sentWith(stored, base);
            assertThat(page).hasSize(3);
            assertThat(page.get(1).asInt()).isEqualTo(7);
            assertThat(page.get(0)).isEqualTo(renderedFor(base)).isEqualTo(page.get(2));
            assertThat(page.get(0).path("properties").path("note").asText()).isEqualTo("a\u0001b \"quoted\"");
            assertThat(page.get(0).path("assets").path("image file").path("href").asText())
                    .isEqualTo(base + "/collections/my%20coll/items/item%2F1%20%C3%A9/assets/image%20file");
            assertThat(page.get(0).findValues("href")).extracting(JsonNode::asText).allMatch(h -> h.startsWith(base + "/"));
        }
    }

    @Test
    void theMarkersStandOnlyForTheLinksAndTheAssetHrefs() {
        String stored = stac.storedJson(item());
        assertThat(stored.chars().filter(c -> c == StoredItemJson.LINKS).count()).isEqualTo(1);
        assertThat(stored.chars().filter(c -> c == StoredItemJson.ITEM_URL).count()).as("one asset href").isEqualTo(1);
        assertThat(stored.chars().filter(c -> c < 0x20).count()).isEqualTo(2);
        assertThat(stored).contains("a\\u0001b");
    }
}
