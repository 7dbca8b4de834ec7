package org.ember.geo.linkage;

import java.time.Duration;
import java.time.Instant;

/** Readable reports for linkage tests: a Friday night in Cardiff, positions in grid metres. */
final class Reports {
    static final Instant FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z");
    static final double X = 318_300;
    static final double Y = 175_900;
    static final String LSOA = "W01001694";
    static final String OTHER_LSOA = "W01001700";
    static final String LAD = "W06000015";

    private Reports() {}

    static Report police(String id, Duration after, double dx, boolean weapon) {
        return new Report("police:" + id, "police", id, 1, false, FRIDAY_22H.plus(after).toEpochMilli(), X + dx, Y,
                -3.179, 51.479, true, LSOA, LAD, "250m:1273:703", weapon ? "weapon" : "violence", weapon, null, "police");
    }

    static Report ambulance(String id, Duration after, double dx, boolean penetrating, String age) {
        return new Report("ambulance:" + id, "ambulance", id, 1, false, FRIDAY_22H.plus(after).toEpochMilli(), X + dx, Y,
                -3.179, 51.479, true, LSOA, LAD, "250m:1273:703", "violence", penetrating, age, "ambulance");
    }

    /** An A&E attendance placed only by its LSOA (four in five are). */
    static Report aeInLsoa(String id, Duration after, String lsoa, boolean weapon, String age) {
        return new Report("ae:" + id, "ae", id, 1, false, FRIDAY_22H.plus(after).toEpochMilli(), X + 400, Y + 300,
                -3.175, 51.482, false, lsoa, LAD, null, "violence", weapon, age, "A&E");
    }

    static Report version(Report r, int version, boolean cancelled, String category) {
        return new Report(r.key(), r.feed(), r.sourceId(), version, cancelled, r.time(), r.x(), r.y(), r.lon(), r.lat(),
                r.precise(), r.lsoa(), r.lad(), r.cell(), category, r.weapon(), r.ageBand(), r.detail());
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
