package io.patchserve.raster;

/**
 * A north-up pixel grid: its size and the affine transform from pixel corners to map coordinates, in GDAL's
 * order (origin x, pixel width, row rotation, origin y, column rotation, pixel height; height negative for
 * north-up).
 */
public record GridGeometry(int width, int height, double[] transform) {

    public GridGeometry {
        if (transform.length != 6) {
            throw new IllegalArgumentException("a geotransform has 6 terms, not " + transform.length);
        }
        transform = transform.clone();
    }

    /** Map coordinates of a pixel-space point (col, row), corners at integers. */
    public double[] toMap(double col, double row) {
        return new double[]{transform[0] + col * transform[1] + row * transform[2],
                transform[3] + col * transform[4] + row * transform[5]};
    }

    /** Pixel-space (col, row) of a map point. */
    public double[] toPixel(double x, double y) {
        double a = transform[1], b = transform[2], d = transform[4], e = transform[5];
        double det = a * e - b * d;
        double dx = x - transform[0], dy = y - transform[3];
        return new double[]{(e * dx - b * dy) / det, (a * dy - d * dx) / det};
    }

    /** The same extent on a grid of another size, as a coarser band of the same patch has. */
    public GridGeometry resized(int newWidth, int newHeight) {
        double sx = (double) width / newWidth, sy = (double) height / newHeight;
        return new GridGeometry(newWidth, newHeight, new double[]{transform[0], transform[1] * sx, transform[2] * sy,
                transform[3], transform[4] * sx, transform[5] * sy});
    }

    /** The grid of a window of this one, {@code width x height} source pixels drawn as {@code outW x outH}. */
    public GridGeometry window(int col, int row, int windowWidth, int windowHeight, int outWidth, int outHeight) {
        double[] origin = toMap(col, row);
        double sx = (double) windowWidth / outWidth, sy = (double) windowHeight / outHeight;
        return new GridGeometry(outWidth, outHeight, new double[]{origin[0], transform[1] * sx, transform[2] * sy,
                origin[1], transform[4] * sx, transform[5] * sy});
    }

    /** The transform in STAC proj:transform order (a, b, c, d, e, f of the affine matrix's first two rows). */
    public double[] stacTransform() {
        return new double[]{transform[1], transform[2], transform[0], transform[4], transform[5], transform[3]};
    }

    public static GridGeometry fromStacTransform(int width, int height, double[] t) {
        return new GridGeometry(width, height, new double[]{t[2], t[0], t[1], t[5], t[3], t[4]});
    }
}
