package org.ember.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Place labels and local authority outlines for a map with no tile server: drawn from the boundary
 * data the deployment ships (today the console's {@link CoveredAreas}, i.e. the LSOAs of the
 * coverage, unioned per local authority). This is the seam for the deployment issue: when the
 * deployment file names its own LA outline and place files, build {@code Places} from them here.
 */
public final class Places {
    /** One local authority: its name, outline and where its label goes (a point inside it). */
    public record Place(String code, String name, Geometry outline, Point label) {}

    private final Map<String, Place> byCode;
    private final byte[] geoJson;

    private Places(Map<String, Place> byCode, byte[] geoJson) {
        this.byCode = byCode;
        this.geoJson = geoJson;
    }

    static Places of(CoveredAreas areas) {
        Map<String, List<Geometry>> byLad = new TreeMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (CoveredAreas.Lsoa lsoa : areas.lsoas()) {
            byLad.computeIfAbsent(lsoa.lad(), k -> new ArrayList<>()).add(areas.shape(lsoa.code()));
            names.put(lsoa.lad(), lsoa.ladName());
        }
        Map<String, Place> places = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        GeoJsonWriter writer = new GeoJsonWriter(CoveredAreas.COORDINATE_DECIMALS);
        writer.setEncodeCRS(false);
        ObjectNode collection = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (Map.Entry<String, List<Geometry>> lad : byLad.entrySet()) {
            // A small buffer closes the slivers simplification leaves between neighbouring LSOAs.
            Geometry outline = UnaryUnionOp.union(lad.getValue().stream().map(g -> g.buffer(0.0003)).toList()).buffer(-0.0002);
            Place place = new Place(lad.getKey(), names.get(lad.getKey()), outline, outline.getInteriorPoint());
            places.put(place.code(), place);
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.putObject("properties").put("code", place.code()).put("name", place.name())
                    .put("label_lon", place.label().getX()).put("label_lat", place.label().getY());
            try {
                feature.set("geometry", mapper.readTree(writer.write(outline)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("JTS wrote unreadable GeoJSON for " + place.code(), e);
            }
        }
        try {
            return new Places(Map.copyOf(places), mapper.writeValueAsBytes(collection));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode the places", e);
        }
    }

    public List<Place> all() {
        List<Place> sorted = new ArrayList<>(byCode.values());
        sorted.sort(java.util.Comparator.comparing(Place::code));
        return sorted;
    }

    byte[] geoJson() {
        return geoJson;
    }
}
