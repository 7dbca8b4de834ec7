package org.ember.jobs.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.ember.model.Incident;

/**
 * The look-back a spoke's ranking needs, as pure functions over the list kept in keyed state: read
 * an incident onto the forecast clock, apply it (a correction replaces the earlier version, a
 * cancellation removes it), trim what has left the training window, and tell when a new day has
 * begun. Only precisely placed incidents count: an area's interior point is no place to patrol.
 */
public final class ForecastLookback {
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private ForecastLookback() {}

    /** Local wall-clock time of {@code epochMillis} in days since 1970-01-01. */
    public static double localDays(long epochMillis, ZoneId zone) {
        int offset = zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
        return (epochMillis + offset * 1000L) / MILLIS_PER_DAY;
    }

    /** The local day (days since 1970-01-01) holding {@code epochMillis}. */
    public static long localDay(long epochMillis, ZoneId zone) {
        return (long) Math.floor(localDays(epochMillis, zone));
    }

    /** Epoch milliseconds of local midnight at the start of {@code day}. */
    public static long startOfDay(long day, ZoneId zone) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The incident on the forecast's clock, or null when it has no precise location. */
    public static LookbackEvent of(Incident incident, ZoneId zone) {
        if (!incident.precise()) {
            return null;
        }
        return new LookbackEvent(identity(incident), incident.easting(), incident.northing(),
                localDays(incident.eventTime(), zone));
    }

    /** A 64-bit hash of the partner record's identity; a collision would merge two reports, at odds of about n²/2⁶⁴. */
    static long identity(Incident incident) {
        long h = 0xcbf29ce484222325L;
        for (char c : incident.recordKey().toCharArray()) {
            h = (h ^ c) * 0x100000001b3L;
        }
        return h;
    }

    /** Whether applying the incident needs the whole list (a correction or cancellation) or only an append. */
    public static boolean replaces(Incident incident) {
        return incident.version() > 1 || incident.cancelled();
    }

    /**
     * The list after a correction: earlier versions of the record removed, the new one added unless
     * it is cancelled or no longer precisely placed ({@code event} null).
     */
    public static List<LookbackEvent> replace(Iterable<LookbackEvent> events, Incident incident, LookbackEvent event) {
        long id = identity(incident);
        List<LookbackEvent> kept = new ArrayList<>();
        for (LookbackEvent e : events) {
            if (e.record() != id) {
                kept.add(e);
            }
        }
        if (event != null && !incident.cancelled()) {
            kept.add(event);
        }
        return kept;
    }

    /** The events at or after {@code from} (local days); the others can no longer enter any ranking. */
    public static List<LookbackEvent> trim(Iterable<LookbackEvent> events, double from) {
        List<LookbackEvent> kept = new ArrayList<>();
        for (LookbackEvent e : events) {
            if (e.t() >= from) {
                kept.add(e);
            }
        }
        return kept;
    }

    /**
     * The day to issue a ranking for, or −1: the local day the watermark is in, when it is later
     * than the last one issued ({@code lastIssued} null for none). A watermark not yet set issues nothing.
     */
    public static long dayToIssue(long watermark, Long lastIssued, ZoneId zone) {
        if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
            return -1;
        }
        long day = localDay(watermark, zone);
        return lastIssued == null || day > lastIssued ? day : -1;
    }

    /** When the newest event leaves the training window: after it, the key's state holds nothing useful. */
    public static long expiry(LookbackEvent newest, int trainingDays, ZoneId zone) {
        return startOfDay((long) Math.floor(newest.t()) + trainingDays + 1, zone);
    }
}
