package org.ember.rules.cap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ember.geo.area.Area;
import org.ember.geo.area.AreaCatalogue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Area polygons from the deployment's boundary catalogue: an LSOA's own polygon, a local
 * authority's as the union of its LSOAs. Simplified (about 20 m for an LSOA, 100 m for a local
 * authority) so a message stays small, written latitude first as CAP wants, five decimals.
 */
public final class CatalogueCapAreas implements CapAreas {
    static final double LSOA_TOLERANCE_DEGREES = 0.0002;
    static final double LAD_TOLERANCE_DEGREES = 0.001;

    private final AreaCatalogue catalogue;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    public CatalogueCapAreas(AreaCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public List<String> polygons(String layer, String areaId) {
        return cache.computeIfAbsent(layer + ":" + areaId, k -> compute(layer, areaId));
    }

    private List<String> compute(String layer, String areaId) {
        if (Area.LAD.equals(layer)) {
            List<Geometry> parts = new ArrayList<>();
            for (Area lsoa : catalogue.lsoas().values()) {
                if (areaId.equals(lsoa.parentCode())) {
                    parts.add(lsoa.geometry());
                }
            }
            return parts.isEmpty() ? List.of() : rings(CascadedPolygonUnion.union(parts), LAD_TOLERANCE_DEGREES);
        }
        return catalogue.lsoa(areaId).map(a -> rings(a.geometry(), LSOA_TOLERANCE_DEGREES)).orElse(List.of());
    }

    /** Each polygon's outer ring as CAP text; holes are left out (CAP polygons have none). */
    static List<String> rings(Geometry geometry, double tolerance) {
        Geometry simple = TopologyPreservingSimplifier.simplify(geometry, tolerance);
        List<String> rings = new ArrayList<>();
        for (int i = 0; i < simple.getNumGeometries(); i++) {
            Geometry part = simple.getGeometryN(i);
            if (part instanceof Polygon polygon) {
                String ring = ring(polygon.getExteriorRing().getCoordinates());
                if (ring != null) {
                    rings.add(ring);
                }
            }
        }
        return rings;
    }

    private static String ring(Coordinate[] coordinates) {
        List<String> pairs = new ArrayList<>();
        for (Coordinate c : coordinates) {
            String pair = String.format(Locale.ROOT, "%.5f,%.5f", c.y, c.x);
            if (pairs.isEmpty() || !pairs.get(pairs.size() - 1).equals(pair)) {
                pairs.add(pair);
            }
        }
        if (!pairs.get(0).equals(pairs.get(pairs.size() - 1))) {
            pairs.add(pairs.get(0));
        }
        return pairs.size() >= 4 ? String.join(" ", pairs) : null;
    }
}
