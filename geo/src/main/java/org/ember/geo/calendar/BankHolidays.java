package org.ember.geo.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bank holidays of one GOV.UK division (default {@code england-and-wales}) read from the
 * {@code https://www.gov.uk/bank-holidays.json} format:
 * {@code {division: {division, events: [{title, date, notes, bunting}]}}}. Several snapshots can be
 * merged; for a date present in more than one, the snapshot read later wins (newer snapshots carry
 * corrections such as moved holidays).
 */
public final class BankHolidays {
    public static final String ENGLAND_AND_WALES = "england-and-wales";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TreeMap<LocalDate, String> titles;

    private BankHolidays(TreeMap<LocalDate, String> titles) {
        this.titles = titles;
    }

    /** Reads and merges snapshots, in the order given (later ones win). */
    public static BankHolidays read(String division, List<Path> snapshots) throws IOException {
        TreeMap<LocalDate, String> titles = new TreeMap<>();
        for (Path file : snapshots) {
            JsonNode events = JSON.readTree(file.toFile()).path(division).path("events");
            if (!events.isArray()) {
                throw new IOException(file + ": no events for division " + division);
            }
            for (JsonNode e : events) {
                titles.put(LocalDate.parse(e.path("date").asText()), e.path("title").asText());
            }
        }
        return new BankHolidays(titles);
    }

    public static BankHolidays of(Map<LocalDate, String> titles) {
        return new BankHolidays(new TreeMap<>(titles));
    }

    public boolean isBankHoliday(LocalDate date) {
        return titles.containsKey(date);
    }

    public Optional<String> title(LocalDate date) {
        return Optional.ofNullable(titles.get(date));
    }

    /** All holidays by date. */
    public Map<LocalDate, String> all() {
        return Collections.unmodifiableMap(titles);
    }
}
