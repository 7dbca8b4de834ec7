package org.ember.fusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.ember.geo.calendar.LondonHours;

/**
 * The incidents in state with their local (London) days, read out of state and dated once per night
 * for every layer that runs at local midnight ({@link ScanLayer}, {@link EarlyWarningLayer},
 * {@link EmergingLayer}) instead of once per layer. Dating compares an event time with the starts of
 * the local days around the night closed (the same day as {@link LondonHours#localDate}, without a
 * time-zone conversion per incident); times outside them are converted as usual.
 */
final class NightlyEvents {
    /** Local days around the night dated by table: more than the 28 days kept, and a few after. */
    private static final int DAYS_BEFORE = 40;
    private static final int DAYS_AFTER = 3;

    private final List<FusedEvent> events;
    private final long[] epochDays;

    private NightlyEvents(List<FusedEvent> events, long[] epochDays) {
        this.events = events;
        this.epochDays = epochDays;
    }

    /** The incidents in state on closing {@code day}. */
    static NightlyEvents of(LadState state, LocalDate day) {
        return of(Publish.values(state.events()), day);
    }

    /** The neighbours' halo incidents in state on closing {@code day}. */
    static NightlyEvents halo(LadState state, LocalDate day) {
        return of(Publish.values(state.halo()), day);
    }

    private static NightlyEvents of(List<FusedEvent> events, LocalDate day) {
        LocalDate first = day.minusDays(DAYS_BEFORE);
        int days = DAYS_BEFORE + DAYS_AFTER + 1;
        long[] starts = new long[days + 1];
        for (int i = 0; i <= days; i++) {
            starts[i] = first.plusDays(i).atStartOfDay(LondonHours.LONDON).toInstant().toEpochMilli();
        }
        long[] epochDays = new long[events.size()];
        for (int k = 0; k < epochDays.length; k++) {
            long t = events.get(k).time();
            if (t < starts[0] || t >= starts[days]) {
                epochDays[k] = LondonHours.localDate(Instant.ofEpochMilli(t)).toEpochDay();
            } else {
                int at = Arrays.binarySearch(starts, t);
                int i = at >= 0 ? at : -at - 2; // the last start at or before t
                epochDays[k] = first.toEpochDay() + i;
            }
        }
        return new NightlyEvents(events, epochDays);
    }

    int size() {
        return events.size();
    }

    FusedEvent event(int k) {
        return events.get(k);
    }

    /** The local day of incident {@code k}, as an epoch day. */
    long epochDay(int k) {
        return epochDays[k];
    }

    List<FusedEvent> events() {
        return events;
    }
}
