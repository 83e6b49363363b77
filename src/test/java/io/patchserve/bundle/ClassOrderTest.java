package io.patchserve.bundle;

import io.patchserve.error.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class ClassOrderTest {

    private static final List<String> PAPER = List.of("Urban fabric", "Industrial or commercial units", "Arable land",
            "Land principally occupied by agriculture, with significant areas of natural vegetation", "Agro-forestry areas");

    @Test
    void keepsTheCollectionsOrderOrSortsByCodePointAsPythonsSorted() {
        assertThat(ClassOrder.COLLECTION.apply(PAPER)).isEqualTo(PAPER);
        // upper case before lower case, as Python's sorted() orders these names
        assertThat(ClassOrder.ALPHABETICAL.apply(PAPER)).containsExactly("Agro-forestry areas", "Arable land",
                "Industrial or commercial units",
                "Land principally occupied by agriculture, with significant areas of natural vegetation", "Urban fabric");
        assertThat(ClassOrder.ALPHABETICAL.apply(List.of("b", "B", "a"))).containsExactly("B", "a", "b");
    }

    @Test
    void parsesTheParameterAndRefusesOtherValues() {
        assertThat(ClassOrder.parse(null)).isEqualTo(ClassOrder.COLLECTION);
        assertThat(ClassOrder.parse("alphabetical")).isEqualTo(ClassOrder.ALPHABETICAL);
        assertThatThrownBy(() -> ClassOrder.parse("paper")).isInstanceOf(ApiException.class)
                .hasMessageContaining("class_order must be one of [collection, alphabetical]");
    }
}
