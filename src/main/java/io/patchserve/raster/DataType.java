package io.patchserve.raster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A band's sample type, named as numpy and STAC raster:bands name them. */
public enum DataType {
    UINT8(1, true, false), INT8(1, false, false), UINT16(2, true, false), INT16(2, false, false),
    UINT32(4, true, false), INT32(4, false, false), FLOAT32(4, false, true), FLOAT64(8, false, true);

    private final int bytes;
    private final boolean unsigned;
    private final boolean floating;

    DataType(int bytes, boolean unsigned, boolean floating) {
        this.bytes = bytes;
        this.unsigned = unsigned;
        this.floating = floating;
    }

    public int bytes() {
        return bytes;
    }

    public boolean unsigned() {
        return unsigned;
    }

    public boolean floating() {
        return floating;
    }

    /**
     * The one type that holds every value of {@code types} exactly: the type itself when they agree, float32 when
     * each fits it (integers up to 16 bits, float32), else float64. For outputs with one sample type (GeoTIFF, an
     * HDF5 dataset, .npy) made from bands that differ.
     */
    public static DataType common(java.util.Collection<DataType> types) {
        if (types.stream().distinct().count() == 1) {
            return types.iterator().next();
        }
        return types.stream().allMatch(t -> t.bytes <= 2 || t == FLOAT32) ? FLOAT32 : FLOAT64;
    }

    /** Whether every value fits in the 65,536 keys of an exact histogram. */
    public boolean smallInteger() {
        return !floating && bytes <= 2;
    }

    public double minValue() {
        return switch (this) {
            case UINT8, UINT16, UINT32 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
        };
    }

    public double maxValue() {
        return switch (this) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case UINT16 -> 65535;
            case INT16 -> Short.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            case INT32 -> Integer.MAX_VALUE;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
        };
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DataType of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
