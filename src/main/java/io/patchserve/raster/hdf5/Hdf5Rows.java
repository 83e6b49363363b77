package io.patchserve.raster.hdf5;

import io.patchserve.raster.BandArray;

import java.lang.reflect.Array;

/** Copies what jhdf returns (nested Java arrays; unsigned types widened: uint8 as short, uint16 as int) into bands. */
public final class Hdf5Rows {

    private Hdf5Rows() {
    }

    /** Copies one row into {@code out} from {@code offset}, narrowing widened unsigned values back to their storage. */
    public static void copy(Object row, BandArray out, int offset, int width) {
        if (row.getClass() == out.data().getClass()) {
            System.arraycopy(row, 0, out.data(), offset, width);
            return;
        }
        switch (row) {
            case short[] v -> {
                for (int i = 0; i < width; i++) out.set(offset + i, v[i]);
            }
            case int[] v -> {
                for (int i = 0; i < width; i++) out.set(offset + i, v[i]);
            }
            case long[] v -> {
                for (int i = 0; i < width; i++) out.set(offset + i, v[i]);
            }
            case byte[] v -> {
                for (int i = 0; i < width; i++) out.set(offset + i, v[i]);
            }
            case float[] v -> {
                for (int i = 0; i < width; i++) out.set(offset + i, v[i]);
            }
            case double[] v -> {
                for (int i = 0; i < width; i++) out.set(offset + i, v[i]);
            }
            default -> throw new IllegalStateException("unexpected HDF5 row type " + row.getClass().getSimpleName());
        }
    }

    /** Band {@code c} of a (C, H, W) array as jhdf returns it. */
    public static void copyPlane(Object chw, int c, BandArray out) {
        Object plane = Array.get(chw, c);
        for (int r = 0; r < out.height(); r++) {
            copy(Array.get(plane, r), out, r * out.width(), out.width());
        }
    }
}
