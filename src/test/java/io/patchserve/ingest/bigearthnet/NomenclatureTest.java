package io.patchserve.ingest.bigearthnet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 43 → 19 conversion entry by entry, as the official table states it (rsim's label_indices.json,
 * "label_conversion", which kai-tub/bigearthnet_common and ConfigILM use): eleven classes have no 19-class
 * counterpart, and "Coastal wetlands" comes from salt marshes and salines only.
 */
@Tag("unit")
class NomenclatureTest {

    private static final String DROPPED = "-";

    /** 43-class name | 19-class name, or "-" where the official table has none. */
    private static final String OFFICIAL = """
            Continuous urban fabric | Urban fabric
            Discontinuous urban fabric | Urban fabric
            Industrial or commercial units | Industrial or commercial units
            Road and rail networks and associated land | -
            Port areas | -
            Airports | -
            Mineral extraction sites | -
            Dump sites | -
            Construction sites | -
            Green urban areas | -
            Sport and leisure facilities | -
            Non-irrigated arable land | Arable land
            Permanently irrigated land | Arable land
            Rice fields | Arable land
            Vineyards | Permanent crops
            Fruit trees and berry plantations | Permanent crops
            Olive groves | Permanent crops
            Pastures | Pastures
            Annual crops associated with permanent crops | Permanent crops
            Complex cultivation patterns | Complex cultivation patterns
            Land principally occupied by agriculture, with significant areas of natural vegetation | Land principally occupied by agriculture, with significant areas of natural vegetation
            Agro-forestry areas | Agro-forestry areas
            Broad-leaved forest | Broad-leaved forest
            Coniferous forest | Coniferous forest
            Mixed forest | Mixed forest
            Natural grassland | Natural grassland and sparsely vegetated areas
            Moors and heathland | Moors, heathland and sclerophyllous vegetation
            Sclerophyllous vegetation | Moors, heathland and sclerophyllous vegetation
            Transitional woodland/shrub | Transitional woodland, shrub
            Beaches, dunes, sands | Beaches, dunes, sands
            Bare rock | -
            Sparsely vegetated areas | Natural grassland and sparsely vegetated areas
            Burnt areas | -
            Inland marshes | Inland wetlands
            Peatbogs | Inland wetlands
            Salt marshes | Coastal wetlands
            Salines | Coastal wetlands
            Intertidal flats | -
            Water courses | Inland waters
            Water bodies | Inland waters
            Coastal lagoons | Marine waters
            Estuaries | Marine waters
            Sea and ocean | Marine waters
            """;

    private static Map<String, String> official() {
        Map<String, String> table = new LinkedHashMap<>();
        OFFICIAL.lines().map(l -> l.split(" \\| ")).forEach(p -> table.put(p[0].strip(), p[1].strip()));
        return table;
    }

    @Test
    void everyClassConvertsAsTheOfficialTableSays() {
        Map<String, String> table = official();
        assertThat(table.keySet()).containsExactlyElementsOf(Nomenclature.CLASSES_43);
        table.forEach((from, to) -> assertThat(Nomenclature.to19(List.of(from))).as(from)
                .isEqualTo(to.equals(DROPPED) ? List.of() : List.of(to)));
        assertThat(table.values()).filteredOn(DROPPED::equals).hasSize(11);
        assertThat(table.values().stream().filter(v -> !v.equals(DROPPED)).distinct())
                .containsExactlyInAnyOrderElementsOf(Nomenclature.CLASSES_19);
    }

    @Test
    void mapsTo19ClassesInTheirOrderWithoutRepeats() {
        assertThat(Nomenclature.to19(List.of("Sea and ocean", "Discontinuous urban fabric", "Continuous urban fabric",
                "Airports", "Estuaries", "Intertidal flats", "Salines"))).containsExactly("Urban fabric", "Coastal wetlands",
                "Marine waters");
        assertThat(Nomenclature.unknown(List.of("Pastures", "Lunar regolith"))).containsExactly("Lunar regolith");
    }
}
