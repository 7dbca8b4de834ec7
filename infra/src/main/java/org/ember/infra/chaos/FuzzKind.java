package org.ember.infra.chaos;

/** The ways the fuzz campaign mangles a feed record, taken in turn so every run has all of them. */
public enum FuzzKind {
    /** Left as the simulator made it: must be processed (or dead-lettered for its own reason). */
    UNTOUCHED,
    /** Cut short, or a JSON literal JavaScript allows and JSON does not. */
    INVALID_JSON,
    /** A string where a number or an object goes, a number where a time goes. */
    WRONG_TYPES,
    /** A free-text or id field of 200,000 characters. */
    HUGE_STRING,
    /** Coordinates NaN, infinite, or outside the Earth. */
    BAD_COORDINATES,
    /** The record's time in 1900. */
    YEAR_1900,
    /** The record's time in 2100. */
    YEAR_2100,
    /** Fields no contract has, carrying a made-up person's name, NHS number, phone, address. */
    UNKNOWN_PERSONAL_FIELDS,
    /** NUL, escape and other control characters inside string fields. */
    CONTROL_CHARACTERS,
    /** Script and markup in free text. */
    HTML_IN_TEXT
}
