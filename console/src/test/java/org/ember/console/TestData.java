package org.ember.console;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;

/** Small factories with readable, named times. */
final class TestData {
    /** Saturday night in Cardiff, the hour the examples start at. */
    static final Instant SATURDAY_MIDNIGHT = Instant.parse("2026-02-28T00:00:00Z");

    static final String CARDIFF_036A = "W01001694";

    private TestData() {}

    static final java.util.List<String> SOUTH_WALES_LADS = java.util.List.of("W06000011", "W06000012", "W06000013",
            "W06000014", "W06000015", "W06000016", "W06000024", "W06000018", "W06000019", "W06000020", "W06000021",
            "W06000022");

    /** The shipped south-wales-gwent deployment's coverage. */
    static org.ember.geo.area.Coverage coverage() {
        Path postcodes = Path.of("../deployments/south-wales-gwent/postcode-districts.csv").toAbsolutePath().normalize();
        return new org.ember.geo.area.Coverage("south-wales-gwent", SOUTH_WALES_LADS,
                org.ember.geo.area.AreaSources.onsPattern("boundaries/wales_lsoa11_by_lad/{lad}.json", SOUTH_WALES_LADS,
                        "boundaries/wales_lad13.json", "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz",
                        postcodes.toString()));
    }

    static Path dataDir() {
        return Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
    }

    /** Epoch millis of a whole hour after Saturday midnight. */
    static long hour(int hoursAfterMidnight) {
        return SATURDAY_MIDNIGHT.plus(Duration.ofHours(hoursAfterMidnight)).toEpochMilli();
    }

    static AreaCountsView lsoaCounts(String lsoa, long asOf, long count24h) {
        return new AreaCountsView(AreaCountsView.TYPE, "lsoa", lsoa, asOf, Math.min(count24h, 1), count24h, count24h,
                Map.of(), Map.of());
    }

    static AreaCountsView ladCounts(String lad, long asOf, long count24h) {
        return new AreaCountsView(AreaCountsView.TYPE, "lad", lad, asOf, 0, count24h, count24h, Map.of(), Map.of());
    }

    static Alert firing(String fingerprint, String lsoa, String areaName, long eventTime) {
        return new Alert(fingerprint, "weapon-spike", Alert.FIRING, "high", "lsoa", lsoa, areaName, "W06000015",
                eventTime, eventTime, "count{window=24h,feed=any,category=weapon}", 6, 5,
                "6 weapon reports in 24 h in " + areaName + " (threshold 5)",
                Map.of("alertname", "weapon-spike", "severity", "high", "area", lsoa), Map.of());
    }

    /** A tension update as the fusion stage publishes it, with one reason. */
    static org.ember.model.fusion.TensionUpdate tension(String lsoa, String lad, long asOf, String level, int levelIndex,
            String detail) {
        return new org.ember.model.fusion.TensionUpdate(org.ember.model.fusion.TensionUpdate.TYPE, "lsoa", lsoa, lad, asOf,
                2.0 * levelIndex + 0.5, level, levelIndex, null,
                java.util.List.of(new org.ember.model.fusion.TensionContribution("near_repeat", 1, 2, 2.0 * levelIndex + 0.5,
                        detail, java.util.List.of("INC-1"))));
    }

    static Alert resolved(Alert firing, long eventTime) {
        return new Alert(firing.fingerprint(), firing.rule(), Alert.RESOLVED, firing.severity(), firing.layer(),
                firing.areaId(), firing.areaName(), firing.lad(), firing.episodeStart(), eventTime, firing.metric(),
                2, firing.threshold(), "weapon reports back below 5 in " + firing.areaName(), firing.labels(),
                firing.annotations());
    }
}
