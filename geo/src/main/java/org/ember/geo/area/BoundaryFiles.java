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
 * Reads GeoJSON boundary files. Features are read with Jackson and each geometry with JTS, because
 * JTS's reader turns a FeatureCollection into a GeometryCollection and drops the properties.
 */
public final class BoundaryFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BoundaryFiles() {}

    /**
     * Every feature of a GeoJSON FeatureCollection as an {@link Area}.
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
        GeoJsonReader reader = new GeoJsonReader(new GeometryFactory(new PrecisionModel(), 4326));
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

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
