package org.ember.geo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The evaluation of one intervention on synthetic weekly counts: estimates when it can, says why when it cannot. */
class InterventionEvaluatorTest {
    private static final Instant ORIGIN = Instant.parse("2025-01-06T00:00:00Z");
    private static final long WEEK = WeeklyCounts.WEEK.toMillis();

    /** 60 areas with Poisson weekly counts (mean 3 to 6); the first {@code treated} drop by {@code effect} in weeks 20–23. */
    private static WeeklyCounts counts(int areas, int treated, double effect, long seed) {
        WeeklyCounts c = new WeeklyCounts(ORIGIN, 30);
        SplittableRandom r = new SplittableRandom(seed);
        for (int a = 0; a < areas; a++) {
            String id = "A" + a;
            c.declare(id);
            double mean = 3 + (a % 4);
            for (int w = 0; w < 30; w++) {
                double m = mean * (a < treated && w >= 20 && w < 24 ? 1 + effect : 1);
                int n = poisson(r, m);
                for (int k = 0; k < n; k++) {
                    c.add(id, Instant.ofEpochMilli(ORIGIN.toEpochMilli() + w * WEEK + 1000L * k));
                }
            }
        }
        return c;
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static Treatment treatment(int treated, int startWeek, int weeks) {
        Set<String> units = new HashSet<>();
        for (int a = 0; a < treated; a++) {
            units.add("A" + a);
        }
        return new Treatment("T", "hotspot_patrol", "W06000015", units, Instant.ofEpochMilli(ORIGIN.toEpochMilli() + startWeek * WEEK),
                Instant.ofEpochMilli(ORIGIN.toEpochMilli() + (startWeek + weeks) * WEEK), 1200);
    }

    private static InterventionEvaluator evaluator(WeeklyCounts c) {
        return new InterventionEvaluator(c, u -> 0.5, u -> Set.of(), EvaluationSettings.defaults());
    }

    @Test
    void aLargeDropInManyAreasIsFoundAndItsSizeRecovered() {
        InterventionEvaluation e = evaluator(counts(60, 12, -0.5, 1)).evaluate(treatment(12, 20, 4), Set.of());
        assertThat(e.verdict()).isEqualTo(Verdict.REDUCTION);
        assertThat(e.relativeLow()).isLessThan(-0.5);
        assertThat(e.relativeHigh()).isGreaterThan(-0.5).isNegative();
        assertThat(e.comparison()).as("5 per treated area wanted, all 48 others available").hasSize(48).doesNotContainAnyElementsOf(e.treatment().units());
        assertThat(e.panel().periods()).isEqualTo(16);
        assertThat(e.prevented()).isPositive();
    }

    @Test
    void noEffectIsNoEvidenceEitherWay() {
        InterventionEvaluation e = evaluator(counts(60, 12, 0, 2)).evaluate(treatment(12, 20, 4), Set.of());
        assertThat(e.verdict()).isEqualTo(Verdict.NO_EVIDENCE_EITHER_WAY);
        assertThat(e.low()).isNegative();
        assertThat(e.high()).isPositive();
    }

    @Test
    void tooLittleDataGivesNoNumber() {
        WeeklyCounts c = counts(60, 0, 0, 3);
        // Too few weeks before the start.
        InterventionEvaluation early = evaluator(c).evaluate(treatment(3, 2, 4), Set.of());
        assertThat(early.verdict()).isEqualTo(Verdict.NOT_ESTIMATED);
        assertThat(early.reason()).contains("weeks of data before the start");
        assertThat(early.did()).isNull();
        assertThat(early.prevented()).isNaN();
        // Too few comparison areas left once the others are excluded.
        Set<String> exclude = new HashSet<>();
        for (int a = 3; a < 56; a++) {
            exclude.add("A" + a);
        }
        InterventionEvaluation fewAreas = evaluator(c).evaluate(treatment(3, 20, 4), exclude);
        assertThat(fewAreas.verdict()).isEqualTo(Verdict.NOT_ESTIMATED);
        assertThat(fewAreas.reason()).contains("comparison areas");
        // An area with almost no offences before the start.
        WeeklyCounts quiet = new WeeklyCounts(ORIGIN, 30);
        for (int a = 0; a < 40; a++) {
            quiet.declare("A" + a);
        }
        quiet.add("A0", ORIGIN.plusSeconds(60));
        InterventionEvaluation fewOffences = evaluator(quiet).evaluate(treatment(1, 20, 4), Set.of());
        assertThat(fewOffences.verdict()).isEqualTo(Verdict.NOT_ESTIMATED);
        assertThat(fewOffences.reason()).contains("offences in the treated areas before the start");
    }
}
