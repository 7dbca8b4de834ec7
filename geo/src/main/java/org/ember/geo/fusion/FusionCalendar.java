package org.ember.geo.fusion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ember.geo.calendar.BankHolidays;
import org.ember.geo.calendar.EmberCalendar;
import org.ember.geo.calendar.SchoolCalendar;

/**
 * The calendar seasonal baselines use, read once per JVM from the data directory's
 * {@code calendar/} folder: every GOV.UK bank-holiday snapshot (in name order, so later snapshots
 * win) and the transcribed school term dates. Absent files mean no calendar effects, not an error.
 */
public final class FusionCalendar {
    private static final Map<Path, Optional<EmberCalendar>> SHARED = new ConcurrentHashMap<>();

    private FusionCalendar() {}

    public static Optional<EmberCalendar> load(Path dataDir) {
        return SHARED.computeIfAbsent(dataDir.toAbsolutePath().normalize(), FusionCalendar::read);
    }

    private static Optional<EmberCalendar> read(Path dataDir) {
        Path dir = dataDir.resolve("calendar");
        Path schools = dir.resolve("school_term_dates_transcribed.csv");
        if (!Files.isDirectory(dir) || !Files.isRegularFile(schools)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> snapshots = new ArrayList<>(files
                    .filter(p -> p.getFileName().toString().startsWith("govuk_bank-holidays") && p.toString().endsWith(".json"))
                    .sorted()
                    .toList());
            BankHolidays holidays = BankHolidays.read(BankHolidays.ENGLAND_AND_WALES, snapshots);
            return Optional.of(new EmberCalendar(holidays, SchoolCalendar.read(schools), List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the calendar under " + dir, e);
        }
    }
}
