package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The risk timers: a neighbourhood reached by fading risk is evaluated at the first hour its
 * metrics or tension would publish, and that must give exactly what evaluating it every hour gives.
 */
class RiskTimersTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void firstMovedIsTheFirstHourAtWhichTheConditionHolds() {
        long asOf = 100 * HOUR;
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 500; n++) {
            long horizon = asOf + (1 + random.nextInt(400)) * HOUR;
            long threshold = asOf + random.nextInt(450) * HOUR; // moved from this hour on (maybe never before the horizon)
            long expected = horizon;
            for (long t = asOf + HOUR; t < horizon; t += HOUR) {
                if (t >= threshold) {
                    expected = t;
                    break;
                }
            }
            assertThat(RiskTimers.firstMoved(asOf, horizon, t -> t >= threshold)).isEqualTo(expected);
        }
        assertThat(RiskTimers.firstMoved(asOf, Long.MAX_VALUE, t -> true)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void hoursAtOrAfter() {
        assertThat(RiskTimers.hourAtOrAfter(5 * HOUR)).isEqualTo(5 * HOUR);
        assertThat(RiskTimers.hourAtOrAfter(5 * HOUR + 1)).isEqualTo(6 * HOUR);
        assertThat(RiskTimers.hourAtOrAfter(-HOUR + 1)).isZero();
    }

    /**
     * Stabbings (near-repeat signals over many neighbourhoods) and intelligence of every strength,
     * then weeks with nothing arriving: the fading risk is published in steps at the hours the
     * tolerance is crossed. Restarts fall mid-decay, when the timers are lost and rebuilt.
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 11, 40})
    void fadingRiskPublishesWhatEvaluatingEveryHourPublishes(long seed) {
        FusionSettings settings = FusionFixtures.withScanReplications(19);
        LadDriver live = new LadDriver(FusionFixtures.CARDIFF, settings, true);
        LadDriver scratch = new LadDriver(FusionFixtures.CARDIFF, settings, false);
        SplittableRandom random = new SplittableRandom(seed);
        List<Placement> places = FusionFixtures.cardiffPlaces(random::nextDouble, 25, -3.20, 51.47, 0.06, 0.03);
        long clock = Instant.parse("2025-05-05T00:00:00Z").toEpochMilli();
        TreeSet<Long> arrivals = new TreeSet<>();
        for (int n = 0; n < 40; n++) {
            clock += (long) (random.nextDouble() * 9 * HOUR);
            arrivals.add(clock);
            Placement where = places.get(random.nextInt(places.size()));
            LinkedIncident stabbing = FusionFixtures.stabbing("S-" + n, Instant.ofEpochMilli(clock), where);
            for (LadDriver driver : List.of(live, scratch)) {
                driver.advanceTo(clock - HOUR / 2);
                driver.incident(stabbing);
                for (FusionSignal s : RiskReach.signals(stabbing, settings.risk(), FusionFixtures.SHAPES)) {
                    if (s.targetLad().equals(driver.lad)) {
                        driver.signal(s);
                    }
                }
            }
            if (random.nextInt(3) == 0) {
                FusionSignal intel = FusionFixtures.intel("I-" + n, Instant.ofEpochMilli(clock),
                        places.get(random.nextInt(places.size())), 0.2 + 3 * random.nextDouble());
                live.signal(intel);
                scratch.signal(intel);
            }
        }
        // Then nothing arrives; restarts at odd hours while the risk fades.
        long end = clock + 40 * 24 * HOUR;
        for (long t = clock; t < end; t += (1 + random.nextInt(60)) * HOUR) {
            live.advanceTo(t);
            scratch.advanceTo(t);
            live.restart();
            scratch.restart();
        }
        live.advanceTo(end);
        scratch.advanceTo(end);

        // Updates of neighbourhoods more than a day after the last arrival: risk faded in steps.
        long lastArrival = arrivals.last();
        long fading = scratch.out.of(HotspotUpdate.AREA_SCORED).stream()
                .filter(h -> "lsoa".equals(h.layer()) && h.asOf() > lastArrival + 24 * HOUR).count();
        assertThat(fading).as("fading risk published in steps").isGreaterThan(20);
        assertThat(live.out.hotspots).as("hot-spot updates").isEqualTo(scratch.out.hotspots);
        assertThat(live.out.metrics).as("area metrics").isEqualTo(scratch.out.metrics);
        assertThat(live.out.tension).as("tension updates").isEqualTo(scratch.out.tension);
        assertThat(live.state.isEmpty()).isTrue();
        assertThat(live.pendingTimers()).isZero();
    }
}
