package org.ember.geo.scan;

import java.time.LocalDate;

/** One row of a SaTScan case file: {@code location count [date]}; date is null without time. */
public record ScanCase(String location, long count, LocalDate date) {}
