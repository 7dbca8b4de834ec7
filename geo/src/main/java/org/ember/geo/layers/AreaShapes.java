package org.ember.geo.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.geo.area.Area;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.linkage.AreaProximity;
import org.ember.geo.risk.AreaShape;
import org.ember.geo.scan.ScanLocation;
import org.locationtech.jts.geom.Point;

/**
 * The covered areas in the forms the fusion layers need: each LSOA's and local authority's centre
 * and equivalent radius in British National Grid metres (near-repeat distances), and each local
 * authority's LSOAs as scan locations. Derived once per catalogue and shared by the tasks.
 */
public final class AreaShapes {
    private static final Map<AreaCatalogue, AreaShapes> SHARED = Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private static final double METRES_PER_DEGREE = 111_320;

    private final Map<String, AreaShape> lsoas = new HashMap<>();
    private final Map<String, AreaShape> lads = new HashMap<>();
    private final Map<String, List<ScanLocation>> scanLocations = new TreeMap<>();
    private final AreaCatalogue catalogue;

    private AreaShapes(AreaCatalogue catalogue) {
        this.catalogue = catalogue;
        Map<String, double[]> ladSums = new TreeMap<>();
        List<Area> sorted = new ArrayList<>(catalogue.lsoas().values());
        sorted.sort(Comparator.comparing(Area::code));
        for (Area lsoa : sorted) {
            Point centroid = lsoa.geometry().getCentroid();
            double lon = centroid.getX();
            double lat = centroid.getY();
            ProjectedPoint p = BritishNationalGrid.fromWgs84(lon, lat);
            double squareMetres = lsoa.geometry().getArea() * METRES_PER_DEGREE * METRES_PER_DEGREE
                    * Math.cos(Math.toRadians(lat));
            lsoas.put(lsoa.code(), new AreaShape("lsoa", lsoa.code(), lsoa.parentCode(), p.x(), p.y(),
                    Math.sqrt(squareMetres / Math.PI)));
            scanLocations.computeIfAbsent(lsoa.parentCode(), k -> new ArrayList<>()).add(new ScanLocation(lsoa.code(), lat, lon));
            double[] sum = ladSums.computeIfAbsent(lsoa.parentCode(), k -> new double[3]);
            sum[0] += p.x() * squareMetres;
            sum[1] += p.y() * squareMetres;
            sum[2] += squareMetres;
        }
        for (Map.Entry<String, double[]> e : ladSums.entrySet()) {
            double[] s = e.getValue();
            lads.put(e.getKey(), new AreaShape("lad", e.getKey(), null, s[0] / s[2], s[1] / s[2], Math.sqrt(s[2] / Math.PI)));
        }
    }

    public static AreaShapes of(AreaCatalogue catalogue) {
        return SHARED.computeIfAbsent(catalogue, AreaShapes::new);
    }

    /** An LSOA or local authority by code, or null when not covered. */
    public AreaShape shape(String layer, String code) {
        return "lad".equals(layer) ? lads.get(code) : lsoas.get(code);
    }

    public AreaShape lsoa(String code) {
        return lsoas.get(code);
    }

    public AreaShape lad(String code) {
        return lads.get(code);
    }

    /** The local authority of an area code (itself for a local authority), or null when not covered. */
    public String ladOf(String code) {
        if (lads.containsKey(code)) {
            return code;
        }
        AreaShape lsoa = lsoas.get(code);
        return lsoa == null ? null : lsoa.parent();
    }

    /** The local authority's LSOAs as scan locations, in code order. */
    public List<ScanLocation> scanLocations(String lad) {
        return scanLocations.getOrDefault(lad, List.of());
    }

    /** Distances to LSOAs for the linker: to the edge of the LSOA's equivalent circle (0 inside it). */
    public AreaProximity proximity() {
        return (code, x, y) -> {
            AreaShape shape = lsoas.get(code);
            return shape == null ? Double.NaN : shape.distanceFrom(x, y);
        };
    }

    /**
     * The local authority whose LSOAs contain the grid point (the real boundary, not the equivalent
     * circles), or null outside the coverage.
     */
    public String ladContaining(double x, double y) {
        org.ember.geo.crs.LonLat p = BritishNationalGrid.toWgs84(x, y);
        return catalogue.lsoaIndex().locate(p.lon(), p.lat()).map(Area::parentCode).orElse(null);
    }

    /** LSOAs of one local authority whose equivalent circle lies within {@code metres} of the point, in code order. */
    public List<String> lsoasWithin(String lad, double x, double y, double metres) {
        List<String> out = new ArrayList<>();
        for (ScanLocation l : scanLocations(lad)) {
            if (lsoas.get(l.id()).distanceFrom(x, y) <= metres) {
                out.add(l.id());
            }
        }
        return out;
    }

    /** Local authorities with an LSOA whose equivalent circle lies within {@code metres} of the point. */
    public List<String> ladsWithin(double x, double y, double metres) {
        List<String> out = new ArrayList<>();
        for (AreaShape s : lsoas.values()) {
            if (s.distanceFrom(x, y) <= metres && !out.contains(s.parent())) {
                out.add(s.parent());
            }
        }
        Collections.sort(out);
        return out;
    }
}
