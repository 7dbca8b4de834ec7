package org.ember.fusion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.fusion.LinkedIncident;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One local authority's analytics (Cardiff, every layer) over {@link #days} days of event time:
 * {@link #perDay} linked incidents a day at real places, a third of them in a few busy streets,
 * 15 % reported by two agencies, 4 % serious (their near-repeat risk delivered as signals), two
 * intelligence reports a day; hourly ticks as the Flink function drives them. One invocation is the
 * whole period on a fresh state. The daily scan runs with {@link #replications} replications, so
 * that the hourly layers this benchmark is about are not hidden behind it (its own benchmark is
 * the scanner's).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FusionLayersBenchmark {
    private static final long HOUR = 3_600_000L;

    @Param({"35"})
    public int days;

    @Param({"150"})
    public int perDay;

    @Param({"19"})
    public int replications;

    private final List<LinkedIncident> incidents = new ArrayList<>();
    private FusionSettings settings;
    private Instant start;

    @Setup
    public void setUp() {
        settings = FusionFixtures.withScanReplications(replications);
        SplittableRandom random = new SplittableRandom(7);
        List<Placement> places = FusionFixtures.cardiffPlaces(random::nextDouble, 400, -3.26, 51.46, 0.14, 0.06);
        List<Placement> busy = places.subList(0, 8);
        start = Instant.parse("2025-01-06T00:00:00Z");
        int n = 0;
        for (int day = 0; day < days; day++) {
            for (int k = 0; k < perDay; k++) {
                Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofSeconds(random.nextInt(86_400)));
                Placement where = random.nextInt(3) == 0 ? busy.get(random.nextInt(busy.size()))
                        : places.get(random.nextInt(places.size()));
                int kind = random.nextInt(100);
                String id = "LI-" + n++;
                incidents.add(kind < 4 ? FusionFixtures.stabbing(id, at, where)
                        : kind < 19 ? FusionFixtures.incident(id, 2, "joined", false, at, where, List.of("ae", "police"),
                                false, 0, "18-24")
                        : FusionFixtures.assault(id, at, where));
            }
        }
        incidents.sort((a, b) -> Long.compare(a.eventTime(), b.eventTime()));
    }

    /** Published outputs, so the work cannot be optimised away. */
    @Benchmark
    public int month() {
        LadDriver driver = new LadDriver(FusionFixtures.CARDIFF, settings);
        SplittableRandom random = new SplittableRandom(11);
        long intelEvery = 12 * HOUR;
        long nextIntel = start.toEpochMilli() + intelEvery;
        int intel = 0;
        for (LinkedIncident incident : incidents) {
            driver.advanceTo(incident.eventTime() - 30 * 60_000L);
            driver.incident(incident);
            for (FusionSignal s : RiskReach.signals(incident, settings.risk(), FusionFixtures.SHAPES)) {
                if (s.targetLad().equals(driver.lad)) {
                    driver.signal(s);
                }
            }
            if (incident.eventTime() >= nextIntel) {
                nextIntel += intelEvery;
                Placement where = FusionFixtures.place(-3.20 + 0.05 * random.nextDouble(), 51.47 + 0.02 * random.nextDouble());
                if (where != null && FusionFixtures.CARDIFF.equals(where.lad())) {
                    driver.signal(FusionFixtures.intel("IR-" + intel++, Instant.ofEpochMilli(incident.eventTime()), where,
                            settings.risk().intelValue("high", "evidenced")));
                }
            }
        }
        driver.advanceTo(start.plus(Duration.ofDays(days + 1L)).toEpochMilli());
        return driver.out.hotspots.size() + driver.out.metrics.size() + driver.out.tension.size();
    }
}
