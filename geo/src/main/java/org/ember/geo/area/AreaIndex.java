package org.ember.geo.area;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Answers "which area of this layer contains this point" with an STR-tree of envelopes and
 * prepared geometries, so a lookup touches only the few polygons whose boxes hold the point.
 * Immutable once built and safe to share between threads.
 */
public final class AreaIndex {
    private final STRtree tree = new STRtree();
    private final GeometryFactory factory = new GeometryFactory();
    private final int size;

    private record Entry(Area area, PreparedGeometry prepared) {}

    public AreaIndex(List<Area> areas) {
        for (Area area : areas) {
            tree.insert(area.geometry().getEnvelopeInternal(), new Entry(area, PreparedGeometryFactory.prepare(area.geometry())));
        }
        tree.build();
        this.size = areas.size();
    }

    public int size() {
        return size;
    }

    /**
     * The area containing the point. A point on a shared boundary belongs to the first area found;
     * boundaries are generalised anyway, so that choice is as good as any other.
     */
    public Optional<Area> locate(double lon, double lat) {
        Point point = factory.createPoint(new Coordinate(lon, lat));
        List<?> candidates = tree.query(new Envelope(lon, lon, lat, lat));
        for (Object candidate : candidates) {
            Entry entry = (Entry) candidate;
            if (entry.prepared().covers(point)) {
                return Optional.of(entry.area());
            }
        }
        return Optional.empty();
    }

    /** Every indexed area, in no particular order. */
    public List<Area> areas() {
        List<Area> areas = new ArrayList<>(size);
        for (Object item : tree.itemsTree()) {
            collect(item, areas);
        }
        return areas;
    }

    private static void collect(Object item, List<Area> areas) {
        if (item instanceof Entry entry) {
            areas.add(entry.area());
        } else if (item instanceof List<?> list) {
            for (Object child : list) {
                collect(child, areas);
            }
        }
    }
}
