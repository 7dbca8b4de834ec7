package org.ember.geo.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Reads boundary files: GeoJSON FeatureCollections or TopoJSON Topologies, told apart by their
 * {@code type}. GeoJSON features are read with Jackson and each geometry with JTS, because JTS's
 * reader turns a FeatureCollection into a GeometryCollection and drops the properties.
 */
public final class BoundaryFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BoundaryFiles() {}

    /**
     * Every feature of a GeoJSON FeatureCollection, or every geometry of a TopoJSON Topology, as an {@link Area}.
     *
     * @param codeProperty name of the property holding the area code (e.g. LSOA11CD)
     * @param nameProperty name of the property holding the area name (e.g. LSOA11NM)
     * @param parentCode   the parent area of every feature in the file, or null
     */
    public static List<Area> read(Path file, String layer, String codeProperty, String nameProperty, String parentCode) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read boundary file " + file, e);
        }
        GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
        if ("Topology".equals(root.path("type").asText())) {
            return readTopology(file, root, factory, layer, codeProperty, nameProperty, parentCode);
        }
        GeoJsonReader reader = new GeoJsonReader(factory);
        List<Area> areas = new ArrayList<>();
        int index = 0;
        for (JsonNode feature : root.path("features")) {
            index++;
            JsonNode properties = feature.path("properties");
            String code = properties.path(codeProperty).asText(null);
            if (code == null) {
                throw new IllegalArgumentException(file + ": feature " + index + " has no property " + codeProperty);
            }
            Geometry geometry;
            try {
                geometry = reader.read(feature.path("geometry").toString());
            } catch (ParseException e) {
                throw new IllegalArgumentException(file + ": feature " + index + " (" + code + ") has bad geometry", e);
            }
            areas.add(new Area(layer, code, properties.path(nameProperty).asText(code), parentCode, geometry));
        }
        return areas;
    }

    private static List<Area> readTopology(Path file, JsonNode root, GeometryFactory factory, String layer,
            String codeProperty, String nameProperty, String parentCode) {
        TopoJson topology = new TopoJson(root, factory);
        List<Area> areas = new ArrayList<>();
        int index = 0;
        for (JsonNode geometry : TopoJson.geometries(root)) {
            index++;
            JsonNode properties = geometry.path("properties");
            String code = properties.path(codeProperty).asText(null);
            if (code == null) {
                throw new IllegalArgumentException(file + ": geometry " + index + " has no property " + codeProperty);
            }
            areas.add(new Area(layer, code, properties.path(nameProperty).asText(code), parentCode,
                    topology.geometry(geometry)));
        }
        return areas;
    }

    /**
     * The codes of every area in a GeoJSON or TopoJSON file, without building geometries: enough to
     * check that a deployment's local authorities have outlines.
     */
    public static java.util.Set<String> codes(Path file, String codeProperty) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read boundary file " + file, e);
        }
        Iterable<JsonNode> items = "Topology".equals(root.path("type").asText()) ? TopoJson.geometries(root) : root.path("features");
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (JsonNode item : items) {
            String code = item.path("properties").path(codeProperty).asText(null);
            if (code != null) {
                codes.add(code);
            }
        }
        return codes;
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
