package io.patchserve.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The STAC API Fields extension's Include/Exclude Semantics, rule by rule, and its null/empty/missing table. */
@Tag("unit")
class FieldsSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode item() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"type": "Feature", "stac_version": "1.0.0", "stac_extensions": [], "id": "a", "collection": "c",
                 "geometry": {"type": "Point", "coordinates": [1, 2]}, "bbox": [1, 2, 1, 2],
                 "properties": {"datetime": "2020-01-01T00:00:00Z", "split": "train", "labels": ["x"]},
                 "links": [], "assets": {"data": {"href": "h"}}}""");
    }

    private static ObjectNode get(String fields) throws Exception {
        return FieldsSpec.parse(fields).apply(item());
    }

    private static ObjectNode post(String fields) throws Exception {
        return FieldsSpec.fromJson(JSON.readTree(fields)).apply(item());
    }

    private static final String[] DEFAULT = {"type", "stac_version", "stac_extensions", "id", "collection", "geometry",
            "bbox", "links", "assets", "properties"};

    @Test
    void noFieldsIsTheWholeItemAndEmptyFieldsTheDefaultSet() throws Exception {
        assertThat(FieldsSpec.ALL.apply(item())).isEqualTo(item());
        for (ObjectNode result : new ObjectNode[]{get(""), post("{}"), post("null"), post("{\"include\": null, \"exclude\": []}")}) {
            assertThat(result.properties()).extracting(java.util.Map.Entry::getKey).containsExactly(DEFAULT);
            assertThat(result.path("properties").properties()).extracting(java.util.Map.Entry::getKey).containsExactly("datetime");
        }
    }

    @Test
    void anIncludeListIsExactlyWhatComesBack() throws Exception {
        ObjectNode result = post("{\"include\": [\"id\", \"properties.split\"]}");
        assertThat(result.toString()).isEqualTo("{\"id\":\"a\",\"properties\":{\"split\":\"train\"}}");
    }

    @Test
    void excludeWithIncludeMissingIsTheWholeItemWithoutIt() throws Exception {
        ObjectNode result = post("{\"exclude\": [\"geometry\"]}");
        assertThat(result.has("geometry")).isFalse();
        assertThat(result.path("properties").has("labels")).isTrue();
    }

    @Test
    void excludeWithIncludeNullOrEmptyOrInGetIsTheDefaultSetWithoutIt() throws Exception {
        for (ObjectNode result : new ObjectNode[]{post("{\"include\": null, \"exclude\": [\"geometry\"]}"),
                post("{\"include\": [], \"exclude\": [\"geometry\"]}"), get("-geometry")}) {
            assertThat(result.has("geometry")).isFalse();
            assertThat(result.has("assets")).isTrue();
            assertThat(result.path("properties").has("labels")).as("not in the default set").isFalse();
        }
    }

    @Test
    void theSameFieldInBothIsIncluded() throws Exception {
        assertThat(get("+geometry,-geometry").has("geometry")).isTrue();
        assertThat(post("{\"include\": [\"a\", \"id\"], \"exclude\": [\"id\"]}").has("id")).isTrue();
    }

    @Test
    void aNestedIncludeUnderAnExcludedParentKeepsThatFieldAlone() throws Exception {
        ObjectNode result = get("-properties,+properties.split");
        assertThat(result.toString()).isEqualTo("{\"properties\":{\"split\":\"train\"}}");
    }

    @Test
    void aNestedExcludeUnderAnIncludedParentRemovesJustIt() throws Exception {
        ObjectNode result = get("properties,-properties.labels");
        assertThat(result.path("properties").has("labels")).isFalse();
        assertThat(result.path("properties").has("split")).isTrue();
        assertThat(result.path("properties").has("datetime")).isTrue();
    }

    @Test
    void theDefaultSetOfAnItemWithAnIntervalKeepsItsStartAndEnd() throws Exception {
        ObjectNode interval = item();
        ((ObjectNode) interval.get("properties")).putNull("datetime").put("start_datetime", "s").put("end_datetime", "e");
        ObjectNode result = FieldsSpec.parse("").apply(interval);
        assertThat(result.path("properties").has("start_datetime")).isTrue();
        assertThat(result.path("properties").has("end_datetime")).isTrue();
    }
}
