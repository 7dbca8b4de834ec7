package org.ember.jobs.fusion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.geo.area.Placement;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.risk.RiskSignal;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.LinkedSource;
import org.ember.fusion.FusionSignal;

/** Linked incidents and signals at real places, for the fusion stage's tests. */
final class FusionFixtures {
    static final Instant FRIDAY_22H = TestFeeds.FRIDAY_22H;
    static final String CARDIFF = "W06000015";
    static final String SWANSEA = "W06000011";
    private static final AreaCatalogue CATALOGUE = AreaCatalogue.load(TestFeeds.dataDir(), org.ember.jobs.testing.TestFeeds.coverage());
    static final AreaPlacer PLACER = new AreaPlacer(CATALOGUE, 250);
    static final AreaShapes SHAPES = AreaShapes.of(CATALOGUE);

    private FusionFixtures() {}

    static Placement place(double lon, double lat) {
        return PLACER.placeLonLat(lon, lat).placement();
    }

    /** St Mary Street, Cardiff city centre. */
    static Placement cardiffCentre() {
        return place(-3.1790, 51.4790);
    }

    /** Wind Street, Swansea. */
    static Placement swanseaCentre() {
        return place(-3.9390, 51.6200);
    }

    /** A linked incident as the linkage emits it. */
    static LinkedIncident incident(String id, int revision, String change, boolean cancelled, Instant at, Placement where,
            List<String> feeds, boolean weapon, int responseCategory, String ageBand) {
        List<LinkedSource> sources = new ArrayList<>();
        for (String feed : feeds) {
            sources.add(new LinkedSource(feed, id + "-" + feed, 1, at.toEpochMilli(), 1.0, feed));
        }
        boolean health = feeds.contains("ambulance") || feeds.contains("ae");
        return new LinkedIncident(LinkedIncident.TYPE, id, revision, change, cancelled, at.toEpochMilli(), where.lad(),
                where.lsoa(), where.cell(), where.lon(), where.lat(), where.easting(), where.northing(), where.precise(),
                "violence", weapon, ageBand, responseCategory, responseCategory > 0 && weapon, 1.0,
                health && !feeds.contains("police"), feeds, sources);
    }

    static LinkedIncident assault(String id, Instant at, Placement where) {
        return incident(id, 1, "created", false, at, where, List.of("police"), false, 0, null);
    }

    /** Police and a category 1 stab call-out for a 15–17-year-old. */
    static LinkedIncident stabbing(String id, Instant at, Placement where) {
        return incident(id, 2, "joined", false, at, where, List.of("ambulance", "police"), true, 1, "15-17");
    }

    static FusionSignal intel(String id, Instant at, Placement where, double value) {
        return new FusionSignal(where.lad(), value != 0, new RiskSignal("intel:" + id, RiskSignal.INTEL, where.lsoa(),
                where.lad(), at.toEpochMilli(), where.easting(), where.northing(), value, "tension report", "intel:" + id));
    }
}
