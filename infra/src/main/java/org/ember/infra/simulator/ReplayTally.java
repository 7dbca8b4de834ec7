package org.ember.infra.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.ember.model.Feed;

/** Running counts of one simulation run; written by the generating thread, read by anyone. */
final class ReplayTally {
    private int monthsGenerated;
    private long policeUkRows;
    private final Map<String, Long> replayedByType = new TreeMap<>();
    private long skippedOtherType;
    private long skippedNoCoordinates;
    private long skippedNoCrimeId;
    private long outsideCoverage;
    private long healthOnlyAssaults;
    private final Map<Feed, Long> records = new EnumMap<>(Feed.class);
    private final Map<Feed, Long> malformed = new EnumMap<>(Feed.class);
    private final Map<MalformedKind, Long> malformedByKind = new EnumMap<>(MalformedKind.class);

    synchronized void month() {
        monthsGenerated++;
    }

    synchronized void rowRead() {
        policeUkRows++;
    }

    synchronized void replayed(String crimeType) {
        replayedByType.merge(crimeType, 1L, Long::sum);
    }

    synchronized void skippedOtherType() {
        skippedOtherType++;
    }

    synchronized void skippedNoCoordinates() {
        skippedNoCoordinates++;
    }

    synchronized void skippedNoCrimeId() {
        skippedNoCrimeId++;
    }

    synchronized void outsideCoverage() {
        outsideCoverage++;
    }

    synchronized void healthOnlyAssault() {
        healthOnlyAssaults++;
    }

    synchronized void record(Feed feed, MalformedKind kind) {
        records.merge(feed, 1L, Long::sum);
        if (kind != null) {
            malformed.merge(feed, 1L, Long::sum);
            malformedByKind.merge(kind, 1L, Long::sum);
        }
    }

    synchronized ReplayCounts snapshot() {
        return new ReplayCounts(monthsGenerated, policeUkRows, replayedByType, skippedOtherType, skippedNoCoordinates,
                skippedNoCrimeId, outsideCoverage, healthOnlyAssaults, records, malformed, malformedByKind);
    }
}
