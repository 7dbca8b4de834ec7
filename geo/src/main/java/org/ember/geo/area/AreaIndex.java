package org.ember.geo.area;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Answers "which area of this layer contains this point". Most points are answered by an
 * {@link AreaRaster} read; points in cells that a boundary crosses are tested exactly against the
 * cell's few candidate polygons (prepared geometries). An STR-tree of envelopes remains as the
 * reference path ({@link #locateByTree}). Immutable once built and safe to share between threads.
 */
public final class AreaIndex {
    private final STRtree tree = new STRtree();
    private final GeometryFactory factory = new GeometryFactory();
    private final int size;
    private final Entry[] entries;
    private final AreaRaster raster;

    private record Entry(Area area, PreparedGeometry prepared, Envelope envelope, PointOnGeometryLocator locator) {}

    public AreaIndex(List<Area> areas) {
        entries = new Entry[areas.size()];
        for (int i = 0; i < areas.size(); i++) {
            Area area = areas.get(i);
            entries[i] = new Entry(area, PreparedGeometryFactory.prepare(area.geometry()), area.geometry().getEnvelopeInternal(),
                    new IndexedPointInAreaLocator(area.geometry()));
            tree.insert(area.geometry().getEnvelopeInternal(), entries[i]);
        }
        tree.build();
        this.size = areas.size();
        this.raster = areas.isEmpty() ? null : new AreaRaster(areas.stream().map(Area::geometry).toList());
    }

    public int size() {
        return size;
    }

    /**
     * The area containing the point. A point on a shared boundary belongs to the first area found;
     * boundaries are generalised anyway, so that choice is as good as any other.
     */
    public Optional<Area> locate(double lon, double lat) {
        if (raster == null) {
            return Optional.empty();
        }
        int cell = raster.lookup(lon, lat);
        if (cell >= 0) {
            return Optional.of(entries[cell].area());
        }
        if (cell == AreaRaster.OUTSIDE) {
            return Optional.empty();
        }
        // What PreparedGeometry.covers(point) decides (not in the exterior), asked of the polygon's
        // indexed locator directly: no Point and no predicate object per test.
        Coordinate point = new Coordinate(lon, lat);
        for (int candidate : raster.candidates(cell)) {
            Entry entry = entries[candidate];
            if (entry.envelope().covers(lon, lat) && entry.locator().locate(point) != Location.EXTERIOR) {
                return Optional.of(entry.area());
            }
        }
        return Optional.empty();
    }

    /** The same answer as {@link #locate}, through the STR-tree alone: the reference the raster is tested against. */
    public Optional<Area> locateByTree(double lon, double lat) {
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
