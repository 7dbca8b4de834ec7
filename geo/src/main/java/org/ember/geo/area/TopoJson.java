package org.ember.geo.area;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns the polygons of a TopoJSON {@code Topology} into JTS geometries: arcs are decoded once
 * (delta-encoded and quantised when the topology has a {@code transform}), then each ring is the
 * concatenation of its arcs, a negative index ~i meaning arc i reversed (TopoJSON specification 2.1.4).
 */
final class TopoJson {
    private final List<Coordinate[]> arcs = new ArrayList<>();
    private final GeometryFactory factory;

    TopoJson(JsonNode topology, GeometryFactory factory) {
        this.factory = factory;
        JsonNode transform = topology.get("transform");
        double sx = 1;
        double sy = 1;
        double tx = 0;
        double ty = 0;
        if (transform != null) {
            sx = transform.path("scale").path(0).asDouble();
            sy = transform.path("scale").path(1).asDouble();
            tx = transform.path("translate").path(0).asDouble();
            ty = transform.path("translate").path(1).asDouble();
        }
        for (JsonNode arc : topology.path("arcs")) {
            Coordinate[] points = new Coordinate[arc.size()];
            double x = 0;
            double y = 0;
            for (int i = 0; i < arc.size(); i++) {
                JsonNode p = arc.get(i);
                if (transform != null) {
                    x += p.get(0).asDouble();
                    y += p.get(1).asDouble();
                    points[i] = new Coordinate(x * sx + tx, y * sy + ty);
                } else {
                    points[i] = new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
                }
            }
            arcs.add(points);
        }
    }

    /** The geometries of a topology's objects: the named one, or every object when name is null. */
    static List<JsonNode> geometries(JsonNode topology) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode object : topology.path("objects")) {
            if ("GeometryCollection".equals(object.path("type").asText())) {
                object.path("geometries").forEach(out::add);
            } else {
                out.add(object);
            }
        }
        return out;
    }

    Geometry geometry(JsonNode geometry) {
        String type = geometry.path("type").asText();
        JsonNode arcIndexes = geometry.path("arcs");
        switch (type) {
            case "Polygon":
                return polygon(arcIndexes);
            case "MultiPolygon": {
                Polygon[] polygons = new Polygon[arcIndexes.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(arcIndexes.get(i));
                }
                return factory.createMultiPolygon(polygons);
            }
            default:
                throw new IllegalArgumentException("TopoJSON geometry of type " + type + " is not an area");
        }
    }

    private Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode arcIndexes) {
        List<Coordinate> points = new ArrayList<>();
        for (JsonNode index : arcIndexes) {
            int i = index.asInt();
            Coordinate[] arc = arcs.get(i >= 0 ? i : ~i);
            // Consecutive arcs share their joining point: skip it on every arc but the first.
            for (int k = points.isEmpty() ? 0 : 1; k < arc.length; k++) {
                points.add(arc[i >= 0 ? k : arc.length - 1 - k]);
            }
        }
        if (points.size() > 0 && !points.get(0).equals2D(points.get(points.size() - 1))) {
            points.add(points.get(0));
        }
        return factory.createLinearRing(points.toArray(Coordinate[]::new));
    }
}
