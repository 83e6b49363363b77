package io.patchserve.bundle;

import io.patchserve.error.ApiException;

import java.util.Arrays;
import java.util.List;

/**
 * The class order a stacked export encodes multi-hot labels in. Users meet two for BigEarthNet: the order of
 * the paper, which the collection declares ({@code collection}), and the alphabetical order that TU Berlin's
 * loaders (bigearthnet_common, ConfigILM) and TorchGeo encode in by default ({@code alphabetical}, code point
 * order as Python's {@code sorted}). The file names the order it used beside the class names.
 */
public enum ClassOrder {
    COLLECTION("collection"),
    ALPHABETICAL("alphabetical");

    public static final String PARAMETER = "class_order";

    private final String id;

    ClassOrder(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code classes} (in the collection's order) in this order. */
    public List<String> apply(List<String> classes) {
        return this == COLLECTION ? classes : classes.stream().sorted().toList();
    }

    /** The order a request names; the collection's when it names none. */
    public static ClassOrder parse(String value) {
        if (value == null) {
            return COLLECTION;
        }
        return Arrays.stream(values()).filter(o -> o.id.equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(PARAMETER + " must be one of "
                        + Arrays.stream(values()).map(ClassOrder::id).toList() + ", not '" + value + "'"));
    }
}
