package org.ember.model.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.ember.model.Feed;
import org.ember.model.feeds.GeoLocation;

/**
 * Reads a feed record's raw JSON once, token by token, checking the feed's contract as it goes and
 * mapping each field straight into the feed's record: no tree, no schema library, no data binding.
 * It reads only the records it can vouch for: a JSON object of the feed's known fields, each once
 * and of its schema type (no nulls), each string meeting a scan that is stricter than or equal to
 * the schema's rule ({@link TextRules}), times in the shape {@link IsoInstants} reads, integers in
 * int range, numbers finite and in range, the required fields present, and nothing after the
 * object. For anything else it declines with null and the caller takes the checked path (tree,
 * contract, data binding), so every rejection keeps its words and every record it reads is the one
 * that path reads ({@code StreamingFeedReaderTest} holds both on random and mutated records).
 *
 * <p>The parser comes from the caller's factory, with the {@link IngestLimits} on depth, string,
 * number and name lengths that the tree has; a record that trips one is simply declined and the
 * checked path reports it. Duplicate keys it finds itself (each field at most once, in the record
 * and in its location), so the factory need not track names.
 */
final class StreamingFeedReader {
    private final FeedLayout layout;
    private final String[] names;
    private final FeedLayout.Field[] fields;
    private final long requiredMask;

    private StreamingFeedReader(FeedLayout layout) {
        this.layout = layout;
        List<FeedLayout.Field> list = layout.fields();
        this.fields = list.toArray(new FeedLayout.Field[0]);
        this.names = list.stream().map(FeedLayout.Field::name).toArray(String[]::new);
        long required = 0;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].required()) {
                required |= 1L << i;
            }
        }
        this.requiredMask = required;
    }

    /** The feed's streaming reader, or null when its schema is not the one its layout was written from. */
    static StreamingFeedReader forFeed(Feed feed) {
        FeedLayout layout = FeedLayouts.of(feed);
        return layout.schemaSha256().equals(schemaSha256(feed)) ? new StreamingFeedReader(layout) : null;
    }

    /** Hex SHA-256 of the feed's published schema file. */
    static String schemaSha256(Feed feed) {
        try (InputStream in = StreamingFeedReader.class.getResourceAsStream(feed.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + feed.schemaResource());
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The feed's record (a {@code PoliceIncident}, {@code AmbulanceCallout}, …), or null: not vouched for. */
    Object read(JsonFactory factory, byte[] bytes) {
        try (JsonParser p = factory.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object[] values = new Object[fields.length];
            long seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int i = indexOf(p.currentName());
                if (i < 0 || (seen & (1L << i)) != 0) {
                    return null; // a field the record does not have, or a duplicate: the checked path decides
                }
                seen |= 1L << i;
                Object value = value(p, p.nextToken(), fields[i]);
                if (value == null) {
                    return null;
                }
                values[i] = value;
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || (seen & requiredMask) != requiredMask
                    || !layout.across().test(values)) {
                return null;
            }
            return layout.record().apply(values);
        } catch (IOException | RuntimeException notReadableHere) {
            // Malformed JSON, a limit, or anything else unexpected: the checked path says what, in its
            // words, and fails (or not) exactly as it always has.
            return null;
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Object value(JsonParser p, JsonToken t, FeedLayout.Field field) throws IOException {
        return switch (field.kind()) {
            case TEXT -> {
                if (t != JsonToken.VALUE_STRING) {
                    yield null;
                }
                String s = p.getText();
                yield field.text().test(s) ? s : null;
            }
            case INSTANT -> t == JsonToken.VALUE_STRING ? IsoInstants.instant(p.getText()) : null;
            case INT -> {
                if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                    yield null;
                }
                int v = p.getIntValue();
                yield v >= field.min() && v <= field.max() ? Integer.valueOf(v) : null;
            }
            case BOOLEAN -> t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
            case LOCATION -> t == JsonToken.START_OBJECT ? location(p) : null;
        };
    }

    /** The shared location object: known fields only, each once, and one of the four forms complete. */
    private static GeoLocation location(JsonParser p) throws IOException {
        Double lon = null;
        Double lat = null;
        Double easting = null;
        Double northing = null;
        String lsoa = null;
        String district = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "lon" -> {
                    if (lon != null || (lon = number(p, v, -180, 180)) == null) {
                        return null;
                    }
                }
                case "lat" -> {
                    if (lat != null || (lat = number(p, v, -90, 90)) == null) {
                        return null;
                    }
                }
                case "easting" -> {
                    if (easting != null || (easting = number(p, v, 0, 700_000)) == null) {
                        return null;
                    }
                }
                case "northing" -> {
                    if (northing != null || (northing = number(p, v, 0, 1_300_000)) == null) {
                        return null;
                    }
                }
                case "lsoa_code" -> {
                    if (lsoa != null || v != JsonToken.VALUE_STRING || !TextRules.lsoaCode(lsoa = p.getText())) {
                        return null;
                    }
                }
                case "postcode_district" -> {
                    if (district != null || v != JsonToken.VALUE_STRING
                            || !TextRules.postcodeDistrict(district = p.getText())) {
                        return null;
                    }
                }
                default -> {
                    return null; // allowed by the schema, but the checked path reads it
                }
            }
        }
        boolean oneFormComplete = (lon != null && lat != null) || (easting != null && northing != null) || lsoa != null
                || district != null;
        return t == JsonToken.END_OBJECT && oneFormComplete
                ? new GeoLocation(lon, lat, easting, northing, lsoa, district)
                : null;
    }

    /** A finite JSON number within [min, max], as data binding reads it into a Double; else null. */
    private static Double number(JsonParser p, JsonToken t, double min, double max) throws IOException {
        double d;
        if (t == JsonToken.VALUE_NUMBER_FLOAT && p.getNumberType() == JsonParser.NumberType.DOUBLE) {
            d = p.getDoubleValue();
        } else if (t == JsonToken.VALUE_NUMBER_INT && (p.getNumberType() == JsonParser.NumberType.INT
                || p.getNumberType() == JsonParser.NumberType.LONG)) {
            d = p.getLongValue();
        } else {
            return null;
        }
        return Double.isFinite(d) && d >= min && d <= max ? d : null;
    }
}
