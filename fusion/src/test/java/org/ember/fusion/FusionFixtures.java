package org.ember.fusion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.geo.area.Placement;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.risk.RiskSignal;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.LinkedSource;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;

/** Linked incidents and signals at real places, for the fusion library's tests and the fusion stage's Flink tests. */
public final class FusionFixtures {
    public static final Instant FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z");
    public static final String CARDIFF = "W06000015";
    public static final String SWANSEA = "W06000011";
    private static final AreaCatalogue CATALOGUE = AreaCatalogue.load(dataDir(), coverage());
    public static final AreaPlacer PLACER = new AreaPlacer(CATALOGUE, 250);
    public static final AreaShapes SHAPES = AreaShapes.of(CATALOGUE);

    private FusionFixtures() {}

    /** Where the real shared data lies: the {@code ember.data.dir} property Maven sets, or ../shared/data. */
    public static java.nio.file.Path dataDir() {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalStateException("shared data not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** The shipped south-wales-gwent deployment's coverage (its twelve local authorities). */
    public static org.ember.geo.area.Coverage coverage() {
        List<String> lads = List.of("W06000011", "W06000012", "W06000013", "W06000014", "W06000015", "W06000016",
                "W06000024", "W06000018", "W06000019", "W06000020", "W06000021", "W06000022");
        java.nio.file.Path postcodes = java.nio.file.Path.of("..")
                .resolve("deployments/south-wales-gwent/postcode-districts.csv").toAbsolutePath().normalize();
        return new org.ember.geo.area.Coverage("south-wales-gwent", lads, org.ember.geo.area.AreaSources.onsPattern(
                "boundaries/wales_lsoa11_by_lad/{lad}.json", lads, "boundaries/wales_lad13.json",
                "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz", postcodes.toString()));
    }

    /**
     * {@code n} places in Cardiff drawn uniformly from the box of corner ({@code lon}, {@code lat}) and
     * size {@code width} × {@code height} degrees ({@code next}: longitude, then latitude, per draw).
     */
    public static java.util.List<Placement> cardiffPlaces(java.util.function.DoubleSupplier next, int n, double lon,
            double lat, double width, double height) {
        java.util.List<Placement> places = new java.util.ArrayList<>();
        while (places.size() < n) {
            var placed = PLACER.placeLonLat(lon + width * next.getAsDouble(), lat + height * next.getAsDouble());
            if (placed.placed() && CARDIFF.equals(placed.placement().lad())) {
                places.add(placed.placement());
            }
        }
        return places;
    }

    /** The default fusion settings with {@code replications} for the daily scan (19: fast enough for layer tests). */
    public static org.ember.geo.fusion.FusionSettings withScanReplications(int replications) {
        org.ember.geo.fusion.FusionSettings d = org.ember.geo.fusion.FusionSettings.defaults();
        return d.withHotspots(d.hotspots().withScan(d.hotspots().scan().withReplications(replications)));
    }

    public static Placement place(double lon, double lat) {
        return PLACER.placeLonLat(lon, lat).placement();
    }

    /** St Mary Street, Cardiff city centre. */
    public static Placement cardiffCentre() {
        return place(-3.1790, 51.4790);
    }

    /** Wind Street, Swansea. */
    public static Placement swanseaCentre() {
        return place(-3.9390, 51.6200);
    }

    /** A linked incident as the linkage emits it. */
    public static LinkedIncident incident(String id, int revision, String change, boolean cancelled, Instant at, Placement where,
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

    public static LinkedIncident assault(String id, Instant at, Placement where) {
        return incident(id, 1, "created", false, at, where, List.of("police"), false, 0, null);
    }

    /** Police and a category 1 stab call-out for a 15–17-year-old. */
    public static LinkedIncident stabbing(String id, Instant at, Placement where) {
        return incident(id, 2, "joined", false, at, where, List.of("ambulance", "police"), true, 1, "15-17");
    }

    public static FusionSignal intel(String id, Instant at, Placement where, double value) {
        return new FusionSignal(where.lad(), value != 0, new RiskSignal("intel:" + id, RiskSignal.INTEL, where.lsoa(),
                where.lad(), at.toEpochMilli(), where.easting(), where.northing(), value, "tension report", "intel:" + id));
    }

    /** Everything one local authority's analytics published, in memory. */
    static final class Collected implements FusionOutputs {
        final List<HotspotUpdate> hotspots = new ArrayList<>();
        final List<AreaMetrics> metrics = new ArrayList<>();
        final List<TensionUpdate> tension = new ArrayList<>();
        /** Whether the tension updates are read ({@link FusionOutputs#tensionRead}). */
        final boolean tensionRead;

        Collected() {
            this(true);
        }

        Collected(boolean tensionRead) {
            this.tensionRead = tensionRead;
        }

        @Override
        public boolean tensionRead() {
            return tensionRead;
        }

        @Override
        public void hotspot(HotspotUpdate update) {
            hotspots.add(update);
        }

        @Override
        public void metrics(AreaMetrics m) {
            metrics.add(m);
        }

        @Override
        public void tension(TensionUpdate update) {
            tension.add(update);
        }

        List<HotspotUpdate> of(String type) {
            return hotspots.stream().filter(h -> h.type().equals(type)).toList();
        }
    }

    /** {@link LadState} over plain maps. */
    static LadState memoryState() {
        return MemoryLadState.create();
    }
}
