package org.ember.deployment;

import java.nio.file.Path;
import java.util.List;

/**
 * The calendars seasonal baselines read.
 *
 * @param bankHolidays GOV.UK bank-holiday snapshots, later ones winning
 * @param division     GOV.UK division, e.g. {@code england-and-wales}
 * @param schoolTerms  school term dates CSV, or null
 */
public record Calendars(List<Path> bankHolidays, String division, Path schoolTerms) {
    public Calendars {
        bankHolidays = List.copyOf(bankHolidays);
    }
}
