package io.patchserve.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A collection's nomenclatures as formats declare them and bundles read them, through the stored JSON. */
@Tag("unit")
class LabelNomenclaturesTest {

    @Test
    void declaredNomenclaturesReadBackInClassOrder() throws Exception {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        classes.put("labels", List.of("Pastures", "Arable land", "Beaches"));
        classes.put("labels_19", List.of("Arable land", "Pastures"));
        Map<String, Object> extra = new LinkedHashMap<>();
        new LabelNomenclatures(classes).writeTo(extra);

        ObjectMapper json = new ObjectMapper();
        CollectionEntity collection = new CollectionEntity();
        collection.extra = json.readValue(json.writeValueAsString(extra), new TypeReference<>() {
        });
        LabelNomenclatures read = LabelNomenclatures.of(collection);
        assertThat(read.properties()).containsExactly("labels", "labels_19");
        assertThat(read.classesByProperty().get("labels")).containsExactly("Pastures", "Arable land", "Beaches");
        assertThat(json.readTree(json.writeValueAsString(extra)).has(LabelNomenclatures.KEY)).isTrue();
    }

    @Test
    void aCollectionWithoutOneHasNone() {
        CollectionEntity collection = new CollectionEntity();
        collection.extra.put(LabelNomenclatures.KEY, "not a map");
        assertThat(LabelNomenclatures.of(collection).isEmpty()).isTrue();
        assertThat(LabelNomenclatures.of(new CollectionEntity())).isEqualTo(LabelNomenclatures.NONE);
    }
}
