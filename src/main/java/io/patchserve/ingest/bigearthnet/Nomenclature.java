package io.patchserve.ingest.bigearthnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BigEarthNet's two label nomenclatures, in their published class order: the 43 CORINE Land Cover level-3
 * classes of the original release, and the 19 classes of Sumbul et al. (2020) that merge and drop some of
 * them. The order is the index a client multi-hot encodes by; it is declared on the collection.
 */
public final class Nomenclature {

    public static final List<String> CLASSES_43 = List.of(
            "Continuous urban fabric",
            "Discontinuous urban fabric",
            "Industrial or commercial units",
            "Road and rail networks and associated land",
            "Port areas",
            "Airports",
            "Mineral extraction sites",
            "Dump sites",
            "Construction sites",
            "Green urban areas",
            "Sport and leisure facilities",
            "Non-irrigated arable land",
            "Permanently irrigated land",
            "Rice fields",
            "Vineyards",
            "Fruit trees and berry plantations",
            "Olive groves",
            "Pastures",
            "Annual crops associated with permanent crops",
            "Complex cultivation patterns",
            "Land principally occupied by agriculture, with significant areas of natural vegetation",
            "Agro-forestry areas",
            "Broad-leaved forest",
            "Coniferous forest",
            "Mixed forest",
            "Natural grassland",
            "Moors and heathland",
            "Sclerophyllous vegetation",
            "Transitional woodland/shrub",
            "Beaches, dunes, sands",
            "Bare rock",
            "Sparsely vegetated areas",
            "Burnt areas",
            "Inland marshes",
            "Peatbogs",
            "Salt marshes",
            "Salines",
            "Intertidal flats",
            "Water courses",
            "Water bodies",
            "Coastal lagoons",
            "Estuaries",
            "Sea and ocean");

    public static final List<String> CLASSES_19 = List.of(
            "Urban fabric",
            "Industrial or commercial units",
            "Arable land",
            "Permanent crops",
            "Pastures",
            "Complex cultivation patterns",
            "Land principally occupied by agriculture, with significant areas of natural vegetation",
            "Agro-forestry areas",
            "Broad-leaved forest",
            "Coniferous forest",
            "Mixed forest",
            "Natural grassland and sparsely vegetated areas",
            "Moors, heathland and sclerophyllous vegetation",
            "Transitional woodland, shrub",
            "Beaches, dunes, sands",
            "Inland wetlands",
            "Coastal wetlands",
            "Inland waters",
            "Marine waters");

    /**
     * 43-class index -> 19-class index, or -1 for the eleven classes the 19-class nomenclature drops: as the
     * official conversion (rsim's label_indices.json, "label_conversion") has it, which keeps no 19-class
     * counterpart for the eight artificial surfaces other than urban fabric and industrial units, bare rock,
     * burnt areas and intertidal flats.
     */
    private static final int[] TO_19 = {
            0, 0, 1, -1, -1, -1, -1, -1, -1, -1, -1, // urban fabric .. sport and leisure
            2, 2, 2, // arable land
            3, 3, 3, // vineyards, fruit trees, olive groves
            4, // pastures
            3, // annual crops with permanent crops
            5, 6, 7, 8, 9, 10, // complex cultivation .. mixed forest
            11, 12, 12, 13, 14, // grassland, moors, sclerophyllous, transitional, beaches
            -1, // bare rock
            11, // sparsely vegetated areas
            -1, // burnt areas
            15, 15, // inland marshes, peatbogs
            16, 16, // salt marshes, salines
            -1, // intertidal flats
            17, 17, // water courses, water bodies
            18, 18, 18}; // coastal lagoons, estuaries, sea and ocean

    private static final Map<String, Integer> INDEX_43 = new LinkedHashMap<>();

    static {
        for (int i = 0; i < CLASSES_43.size(); i++) {
            INDEX_43.put(CLASSES_43.get(i), i);
        }
        if (TO_19.length != CLASSES_43.size()) {
            throw new ExceptionInInitializerError("43-to-19 table has " + TO_19.length + " entries");
        }
    }

    private Nomenclature() {
    }

    /** The names that are not 43-class labels, in the order given (empty when all are known). */
    public static List<String> unknown(List<String> labels) {
        return labels.stream().filter(l -> !INDEX_43.containsKey(l)).toList();
    }

    /** The 19-class labels of a patch, without repeats, in 19-class order. */
    public static List<String> to19(List<String> labels43) {
        boolean[] present = new boolean[CLASSES_19.size()];
        for (String label : labels43) {
            int mapped = TO_19[INDEX_43.get(label)];
            if (mapped >= 0) {
                present[mapped] = true;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                out.add(CLASSES_19.get(i));
            }
        }
        return out;
    }
}
