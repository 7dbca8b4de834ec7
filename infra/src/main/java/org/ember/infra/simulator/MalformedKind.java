package org.ember.infra.simulator;

import java.util.Arrays;
import java.util.List;
import org.ember.model.Feed;

/** The ways the simulator breaks a record on purpose, each of which ingest must dead-letter. */
public enum MalformedKind {
    /** The message was cut in half in transit: not parseable JSON. */
    NOT_JSON,
    /** A field the feed's contract requires is missing. */
    MISSING_REQUIRED_FIELD,
    /** The record's time came as epoch milliseconds (a number) where the contract wants an ISO string. */
    WRONG_TYPE,
    /** A decimal-point slip: coordinates outside the ranges of the contract. */
    COORDINATES_OUT_OF_RANGE,
    /** A&amp;E only: the assault is said to have happened after the patient arrived. */
    ASSAULT_AFTER_ARRIVAL;

    /** The kinds that make sense for a feed. */
    public static List<MalformedKind> applicableTo(Feed feed) {
        return Arrays.stream(values()).filter(k -> k != ASSAULT_AFTER_ARRIVAL || feed == Feed.AE).toList();
    }
}
