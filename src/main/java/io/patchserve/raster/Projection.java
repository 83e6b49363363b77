package io.patchserve.raster;

import io.patchserve.error.ApiException;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.util.FactoryException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A coordinate reference system (Apache SIS) with its EPSG code when it has one, and the transforms between it
 * and WGS 84 longitude/latitude. SIS answers the EPSG codes of its built-in subset (WGS 84 and its UTM zones,
 * Web Mercator ...) without a database; other codes are named as unknown.
 */
public final class Projection {

    private static final Map<String, Projection> BY_CODE = new ConcurrentHashMap<>();
    /** A release names the same few CRSs over and over; parsing WKT and finding transforms costs milliseconds. */
    private static final Map<String, Projection> BY_WKT = new ConcurrentHashMap<>();
    private static final GeometryFactory WGS84_GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private final CoordinateReferenceSystem crs;
    private final Integer epsg;
    private final MathTransform toLonLat;
    private final MathTransform fromLonLat;
    private volatile String wkt;

    private Projection(CoordinateReferenceSystem crs, Integer epsg) throws FactoryException {
        this.crs = crs;
        this.epsg = epsg;
        CoordinateReferenceSystem lonLat = CommonCRS.WGS84.normalizedGeographic();
        this.toLonLat = CRS.findOperation(crs, lonLat, null).getMathTransform();
        this.fromLonLat = CRS.findOperation(lonLat, crs, null).getMathTransform();
    }

    /** WGS 84 with longitude first, the order of GeoJSON and of bbox parameters. */
    public static Projection lonLat() {
        return forEpsg(4326);
    }

    public static Projection forEpsg(int code) {
        return forCode("EPSG:" + code);
    }

    /**
     * {@code EPSG:32633}, {@code http://www.opengis.net/def/crs/EPSG/0/32633}, or the OGC CRS84 URI.
     *
     * @throws UnknownCrsException for a code that is malformed or not known here
     */
    public static Projection forCode(String code) {
        String key = normalise(code);
        Projection cached = BY_CODE.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            Projection p;
            if (key.equals("OGC:CRS84") || key.equals("EPSG:4326")) {
                p = new Projection(CommonCRS.WGS84.normalizedGeographic(), 4326);
            } else {
                CoordinateReferenceSystem crs = CRS.forCode(key);
                p = new Projection(crs, key.startsWith("EPSG:") ? Integer.parseInt(key.substring(5)) : epsgOf(crs));
            }
            BY_CODE.put(key, p);
            return p;
        } catch (FactoryException | RuntimeException e) {
            throw new UnknownCrsException("unknown or unsupported CRS '" + code + "'");
        }
    }

    /** A CRS from its WKT (1 or 2), as BigEarthNet's metadata and GDAL write it. */
    public static Projection fromWkt(String wkt) {
        Projection cached = BY_WKT.get(wkt);
        if (cached != null) {
            return cached;
        }
        Projection parsed = parseWkt(wkt);
        if (BY_WKT.size() < 1000) {
            BY_WKT.put(wkt, parsed);
        }
        return parsed;
    }

    private static Projection parseWkt(String wkt) {
        try {
            CoordinateReferenceSystem crs = CRS.fromWKT(wkt);
            Integer epsg = epsgOf(crs);
            if (epsg != null) {
                Projection byCode = forEpsg(epsg);
                if (org.apache.sis.util.Utilities.equalsIgnoreMetadata(byCode.crs, crs)) {
                    return byCode;
                }
            }
            return new Projection(crs, epsg);
        } catch (FactoryException | RuntimeException e) {
            throw new UnknownCrsException("cannot read the CRS WKT: " + e.getMessage());
        }
    }

    private static Integer epsgOf(CoordinateReferenceSystem crs) {
        try {
            return IdentifiedObjects.lookupEPSG(crs);
        } catch (FactoryException e) {
            return null;
        }
    }

    private static String normalise(String code) {
        String c = code.trim();
        String upper = c.toUpperCase(Locale.ROOT);
        for (String prefix : new String[]{"HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/", "HTTPS://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/",
                "URN:OGC:DEF:CRS:EPSG::"}) {
            if (upper.startsWith(prefix)) {
                return "EPSG:" + c.substring(prefix.length());
            }
        }
        if (upper.endsWith("/OGC/1.3/CRS84") || upper.equals("CRS84") || upper.equals("OGC:CRS84")) {
            return "OGC:CRS84";
        }
        if (upper.startsWith("EPSG:")) {
            String digits = c.substring(5).trim();
            if (!digits.matches("\\d{1,9}")) {
                throw new UnknownCrsException("malformed CRS code '" + code + "'; use EPSG:<number>");
            }
            return "EPSG:" + digits;
        }
        throw new UnknownCrsException("unknown CRS '" + code + "'; use EPSG:<number> or an OGC CRS URI");
    }

    public CoordinateReferenceSystem crs() {
        return crs;
    }

    /** The EPSG code, or null when the CRS has none that SIS can tell. */
    public Integer epsg() {
        return epsg;
    }

    /** WKT 2 of the CRS; formatted once, as formatting costs more than the rest of writing an item file. */
    public String wkt() {
        String w = wkt;
        if (w == null) {
            w = crs.toWKT();
            wkt = w;
        }
        return w;
    }

    /** Whether coordinates are longitude and latitude (degrees) rather than projected (metres). */
    public boolean isGeographic() {
        return crs instanceof org.opengis.referencing.crs.GeographicCRS;
    }

    /** Whether this is the same system as {@code other}, whatever their names. */
    public boolean sameAs(Projection other) {
        return org.apache.sis.util.Utilities.equalsIgnoreMetadata(crs, other.crs);
    }

    /** Transforms (x, y) pairs in place from this CRS to longitude/latitude. */
    public double[] toLonLat(double... xy) {
        return transform(toLonLat, xy);
    }

    /** Transforms (lon, lat) pairs in place from longitude/latitude to this CRS. */
    public double[] fromLonLat(double... lonLat) {
        return transform(fromLonLat, lonLat);
    }

    private static double[] transform(MathTransform t, double[] points) {
        try {
            t.transform(points, 0, points, 0, points.length / 2);
            return points;
        } catch (org.opengis.referencing.operation.TransformException e) {
            throw ApiException.badRequest("coordinates cannot be transformed: " + e.getMessage());
        }
    }

    /** The WGS 84 polygon of a grid's outline, with {@code perSide} points on each side (projected edges curve). */
    public Polygon footprint(GridGeometry grid, int perSide) {
        Coordinate[] ring = new Coordinate[perSide * 4 + 1];
        int i = 0;
        double w = grid.width(), h = grid.height();
        double[][] corners = {{0, 0}, {w, 0}, {w, h}, {0, h}};
        for (int side = 0; side < 4; side++) {
            double[] a = corners[side], b = corners[(side + 1) % 4];
            for (int k = 0; k < perSide; k++) {
                double f = (double) k / perSide;
                double[] xy = grid.toMap(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f);
                double[] ll = toLonLat(xy);
                ring[i++] = new Coordinate(ll[0], ll[1]);
            }
        }
        ring[i] = ring[0];
        Polygon polygon = WGS84_GEOMETRY.createPolygon(ring);
        // GeoJSON wants the exterior ring counter-clockwise; a north-up grid walked from its top-left is clockwise.
        return org.locationtech.jts.algorithm.Orientation.isCCW(polygon.getExteriorRing().getCoordinates()) ? polygon : (Polygon) polygon.reverse();
    }

    /** A CRS that cannot be used: malformed, unknown here, or unreadable. */
    public static final class UnknownCrsException extends RuntimeException {
        public UnknownCrsException(String message) {
            super(message);
        }
    }
}
