package org.ember.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.ember.geo.area.Area;
import org.ember.geo.area.AreaCatalogue;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * The LSOAs the map draws, with their names and local authorities, and the GeoJSON the browser
 * loads once. Built at start: simplified (a screen cannot show detail below ~20 m at the zoom a
 * force area fits) and rounded to 5 decimals (~1 m), which takes the file from megabytes of
 * survey-grade coordinates to what a projector laptop loads in a moment.
 */
public final class CoveredAreas {
    /** Douglas-Peucker tolerance in degrees: about 14 m east-west and 22 m north-south in Wales. */
    public static final double SIMPLIFY_TOLERANCE_DEGREES = 0.0002;
    public static final int COORDINATE_DECIMALS = 5;

    /** One drawn LSOA. */
    public record Lsoa(String code, String name, String lad, String ladName) {}

    private final Map<String, Lsoa> byCode;
    private final Map<String, Geometry> shapes;
    private final byte[] geoJson;
    private final byte[] geoJsonGzip;
    private Places places;

    private CoveredAreas(Map<String, Lsoa> byCode, Map<String, Geometry> shapes, byte[] geoJson) {
        this.byCode = byCode;
        this.shapes = shapes;
        this.geoJson = geoJson;
        this.geoJsonGzip = gzip(geoJson);
    }

    public static CoveredAreas of(AreaCatalogue catalogue) {
        ObjectMapper mapper = new ObjectMapper();
        GeoJsonWriter writer = new GeoJsonWriter(COORDINATE_DECIMALS);
        writer.setEncodeCRS(false);
        List<Area> areas = new ArrayList<>(catalogue.lsoas().values());
        areas.sort(Comparator.comparing(Area::code));
        Map<String, Lsoa> byCode = new LinkedHashMap<>();
        Map<String, Geometry> shapes = new LinkedHashMap<>();
        ObjectNode collection = mapper.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (Area area : areas) {
            Lsoa lsoa = new Lsoa(area.code(), area.name(), area.parentCode(), catalogue.ladName(area.parentCode()));
            byCode.put(lsoa.code(), lsoa);
            Geometry simplified = TopologyPreservingSimplifier.simplify(area.geometry(), SIMPLIFY_TOLERANCE_DEGREES);
            shapes.put(lsoa.code(), simplified);
            ObjectNode feature = features.addObject();
            feature.put("type", "Feature");
            ObjectNode properties = feature.putObject("properties");
            properties.put("code", lsoa.code());
            properties.put("name", lsoa.name());
            properties.put("lad", lsoa.lad());
            properties.put("lad_name", lsoa.ladName());
            try {
                feature.set("geometry", mapper.readTree(writer.write(simplified)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("JTS wrote unreadable GeoJSON for " + area.code(), e);
            }
        }
        try {
            return new CoveredAreas(Map.copyOf(byCode), Map.copyOf(shapes), mapper.writeValueAsBytes(collection));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the area layer", e);
        }
    }

    /** Drawn LSOAs in code order. */
    public List<Lsoa> lsoas() {
        List<Lsoa> sorted = new ArrayList<>(byCode.values());
        sorted.sort(Comparator.comparing(Lsoa::code));
        return sorted;
    }

    public Optional<Lsoa> lsoa(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The simplified outline of an LSOA (longitude, latitude). */
    public Geometry shape(String code) {
        return shapes.get(code);
    }

    /** Local authority outlines and label points, made from the LSOAs on first use (a second or two) and kept. */
    public synchronized Places places() {
        if (places == null) {
            places = Places.of(this);
        }
        return places;
    }

    public int size() {
        return byCode.size();
    }

    /** Size in bytes of the GeoJSON as sent, plain or gzip-compressed. */
    public int geoJsonLength(boolean gzipped) {
        return gzipped ? geoJsonGzip.length : geoJson.length;
    }

    /** Writes the GeoJSON, plain or gzip-compressed (both made once, at start). */
    public void writeGeoJson(OutputStream out, boolean gzipped) throws IOException {
        out.write(gzipped ? geoJsonGzip : geoJson);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
