package org.ember.model.ingest;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the streaming reader ({@link StreamingFeedReader}) knows of one feed: the schema it was
 * written against (by SHA-256 of the published file; any other schema turns the streaming path off),
 * each top-level field with the rule its value must meet, which fields are required, a rule across
 * fields (the schema's if/then), and how the values make the feed's record.
 *
 * @param schemaSha256 hex SHA-256 of the schema resource these fields were read from
 * @param fields       the schema's top-level properties, in the order the record's constructor takes them
 * @param across       a rule across fields the schema states with if/then; given the values by field index
 * @param record       the feed's record from the values by field index (null where a field is absent)
 */
record FeedLayout(String schemaSha256, List<Field> fields, Predicate<Object[]> across, Function<Object[], Object> record) {

    /** How a field's JSON value is read. */
    enum Kind {
        /** a JSON string meeting {@link Field#text}. */
        TEXT,
        /** a JSON string in the RFC 3339 shape {@link IsoInstants} vouches for, read as an Instant. */
        INSTANT,
        /** a JSON integer within int range and within [{@link Field#min}, {@link Field#max}]. */
        INT,
        /** true or false. */
        BOOLEAN,
        /** the shared location object of every feed (lon/lat, easting/northing, LSOA code, postcode district). */
        LOCATION
    }

    /**
     * @param name     the JSON name
     * @param kind     how its value is read
     * @param text     for {@link Kind#TEXT}: what the schema certainly accepts
     * @param min      for {@link Kind#INT}: the schema's minimum
     * @param max      for {@link Kind#INT}: the schema's maximum
     * @param required whether the schema requires it
     */
    record Field(String name, Kind kind, Predicate<String> text, int min, int max, boolean required) {
        static Field text(String name, Predicate<String> rule, boolean required) {
            return new Field(name, Kind.TEXT, rule, 0, 0, required);
        }

        static Field instant(String name, boolean required) {
            return new Field(name, Kind.INSTANT, null, 0, 0, required);
        }

        static Field integer(String name, int min, int max) {
            return new Field(name, Kind.INT, null, min, max, false);
        }

        static Field integer(String name, int min, int max, boolean required) {
            return new Field(name, Kind.INT, null, min, max, required);
        }

        static Field bool(String name) {
            return new Field(name, Kind.BOOLEAN, null, 0, 0, false);
        }

        static Field location() {
            return new Field("location", Kind.LOCATION, null, 0, 0, true);
        }
    }
}
