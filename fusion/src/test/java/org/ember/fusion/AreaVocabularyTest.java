package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.layers.SeasonalExceedance;
import org.ember.geo.tension.TensionScore;
import org.ember.model.metrics.FusionMetricFamilies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The area metrics as an array of {@link AreaVocabulary} must publish what the map of names they
 * replaced published: the same names, values and order, and the same decisions of what is news.
 * The reference is that map built as the evaluation built it before (kept here).
 */
class AreaVocabularyTest {
    private static final double TOLERANCE = AreaLayer.AREA_TOLERANCE;

    /** The metrics as {@code AreaLayer.evaluateArea} and {@code Evaluation.at} put them in a map before. */
    private static Map<String, Double> reference(AreaTally tally, CellSummary cells, ScanHit bestHit, double earlyWarning,
            SeasonalExceedance.Result exceedance, String window, double[] risk, TensionScore score) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int w = 0; w < AreaTally.WINDOWS.length; w++) {
            String win = AreaTally.WINDOWS[w];
            values.put(FusionMetricFamilies.incidents(win, "all"), (double) tally.all[w]);
            values.put(FusionMetricFamilies.incidents(win, "multi_agency"), (double) tally.multiAgency[w]);
            values.put(FusionMetricFamilies.incidents(win, "health_only"), (double) tally.healthOnly[w]);
            values.put(FusionMetricFamilies.incidents(win, "serious"), (double) tally.serious[w]);
            values.put(FusionMetricFamilies.windowed("distinct_agencies", win), (double) tally.agencies.get(w).size());
            if (tally.healthRecorded[w] > 0) {
                values.put(FusionMetricFamilies.windowed("health_only_share", win),
                        Publish.round((double) tally.healthOnly[w] / tally.healthRecorded[w]));
            }
        }
        values.put(FusionMetricFamilies.windowed("gi_z_max", CellLayer.WINDOW_7D), Publish.round(cells.giMax));
        values.put(FusionMetricFamilies.windowed("hot_cells", CellLayer.WINDOW_7D), (double) cells.hot.size());
        values.put("emerging_hot_cells", (double) cells.emerging.size());
        values.put("cluster_members", (double) tally.clusterMembers);
        values.put("clusters", (double) tally.clusters.size());
        values.put("scan_recurrence_days", bestHit == null ? 0.0 : Publish.round(bestHit.recurrenceDays()));
        values.put(EarlyWarningLayer.METRIC, earlyWarning);
        Map<String, Double> v = new LinkedHashMap<>(values);
        v.put("near_repeat_risk", Publish.round(risk[0]));
        v.put("rivalry_risk", Publish.round(risk[1]));
        v.put("intel_tension", Publish.round(risk[2]));
        v.put("navigator_risk", Publish.round(risk[3]));
        if (exceedance != null) {
            v.put(FusionMetricFamilies.windowed("seasonal_observed", window), (double) exceedance.observed());
            v.put(FusionMetricFamilies.windowed("seasonal_expected", window), Publish.round(exceedance.expected()));
            v.put(FusionMetricFamilies.windowed("seasonal_exceedance_probability", window),
                    Publish.round(exceedance.probability()));
            v.put(FusionMetricFamilies.windowed("seasonal_exceedance", window), Publish.round(exceedance.score()));
        }
        v.put("tension_score", Publish.round(score.score()));
        v.put("tension_level", (double) score.levelIndex());
        return v;
    }

    /** Mostly small counts, often zero. */
    private static long count(SplittableRandom random) {
        return random.nextInt(3) == 0 ? 0 : random.nextInt(6);
    }

    private static double value(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> -random.nextDouble() * 2;
            default -> random.nextDouble() * 8;
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theArrayPublishesWhatTheMapOfNamesPublished(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int published = 0;
        for (int round = 0; round < 2_000; round++) {
            boolean quiet = random.nextInt(4) == 0; // everything zero but perhaps one metric
            AreaTally tally = new AreaTally();
            for (int w = 0; w < AreaTally.WINDOWS.length; w++) {
                tally.all[w] = quiet ? 0 : count(random);
                tally.multiAgency[w] = quiet ? 0 : count(random);
                tally.healthOnly[w] = quiet ? 0 : count(random);
                tally.healthRecorded[w] = quiet ? 0 : count(random);
                tally.serious[w] = quiet ? 0 : count(random);
                for (long a = quiet ? 0 : count(random); a > 0; a--) {
                    tally.agencies.get(w).add("agency" + random.nextInt(5));
                }
            }
            tally.clusterMembers = quiet ? 0 : count(random);
            for (long c = quiet ? 0 : count(random); c > 0; c--) {
                tally.clusters.add(random.nextInt(9));
            }
            CellSummary cells = new CellSummary();
            cells.giMax = quiet ? 0 : value(random);
            for (long c = quiet ? 0 : count(random); c > 0; c--) {
                cells.hot.add("cell" + c);
            }
            for (long c = quiet ? 0 : count(random); c > 0; c--) {
                cells.emerging.add("cell" + c);
            }
            ScanHit bestHit = quiet || random.nextBoolean() ? null
                    : new ScanHit("scan-1", "W01001", List.of("W01001"), "2025-03-01", "2025-03-03", 5, 1.5,
                            random.nextDouble() * 200);
            double earlyWarning = quiet || random.nextBoolean() ? 0 : random.nextDouble() * 3;
            SeasonalExceedance.Result exceedance = quiet || random.nextBoolean() ? null
                    : new SeasonalExceedance.Result(count(random), random.nextDouble() * 30, 20, random.nextDouble(), 1.2);
            String window = random.nextBoolean() ? "24h" : "168h";
            double[] risk = new double[4];
            for (int k = 0; k < 4; k++) {
                risk[k] = quiet && random.nextInt(8) != 0 ? 0 : value(random);
            }
            double total = Math.max(0, value(random));
            TensionScore score = new TensionScore(quiet ? 0 : total, "level", quiet ? 0 : random.nextInt(4), List.of());

            Map<String, Double> expected = reference(tally, cells, bestHit, earlyWarning, exceedance, window, risk, score);
            AreaVocabulary vocabulary = AreaVocabulary.of(window);
            double[] v = new double[AreaVocabulary.SIZE];
            long mask = AreaEvaluation.fill(v, tally, cells, bestHit, earlyWarning, exceedance);
            AreaEvaluation.moving(v, risk, score);

            assertThat(new ArrayList<>(vocabulary.map(v, mask).entrySet())).as("names, values and order")
                    .isEqualTo(new ArrayList<>(expected.entrySet()));
            Map<String, Double> copied = Map.copyOf(vocabulary.map(v, mask));
            Map<String, Double> direct = vocabulary.immutableMap(v, mask);
            assertThat(direct).isEqualTo(copied);
            assertThat(new ArrayList<>(direct.entrySet())).as("the same immutable map, iterated alike")
                    .isEqualTo(new ArrayList<>(copied.entrySet()));
            assertThat(new ArrayList<>(vocabulary.zeros(mask).entrySet()))
                    .isEqualTo(new ArrayList<>(Publish.zeros(expected).entrySet()));
            assertThat(AreaVocabulary.allZero(v, mask)).as("empty")
                    .isEqualTo(expected.values().stream().allMatch(x -> x == 0));

            // What was published before: the same, or moved a little or a lot, to or from zero, or other names.
            for (int k = 0; k < 6; k++) {
                Map<String, Double> before = new LinkedHashMap<>(expected);
                List<String> names = new ArrayList<>(before.keySet());
                for (int changes = random.nextInt(3); changes > 0; changes--) {
                    String name = names.get(random.nextInt(names.size()));
                    double was = before.getOrDefault(name, 1.0);
                    switch (random.nextInt(7)) {
                        case 0 -> before.put(name, 0.0);
                        case 1 -> before.put(name, was * (1 + TOLERANCE * (random.nextBoolean() ? 0.999 : 1.001)));
                        case 2 -> before.put(name, was + (random.nextBoolean() ? 1 : -1) * TOLERANCE * random.nextDouble());
                        case 3 -> before.put(name, was + 1);
                        case 4 -> before.remove(name);
                        case 5 -> before.put("somethingElse", 1.0);
                        default -> before.put(name, was + TOLERANCE * Math.max(1, Math.abs(was)));
                    }
                }
                Map<String, Double> stored = Map.copyOf(before);
                boolean news = Publish.materially(stored, expected, TOLERANCE);
                assertThat(vocabulary.materially(stored, v, mask, TOLERANCE)).as("news after %s", stored).isEqualTo(news);
                published += news ? 1 : 0;
            }
            // What was published as numbers (an earlier evaluation): the same decision from them as from its map.
            for (int k = 0; k < 6; k++) {
                double[] b = v.clone();
                long bMask = mask;
                for (int changes = random.nextInt(3); changes > 0; changes--) {
                    int i = random.nextInt(AreaVocabulary.SIZE);
                    switch (random.nextInt(6)) {
                        case 0 -> b[i] = 0;
                        case 1 -> b[i] = b[i] * (1 + TOLERANCE * (random.nextBoolean() ? 0.999 : 1.001));
                        case 2 -> b[i] = b[i] + (random.nextBoolean() ? 1 : -1) * TOLERANCE * random.nextDouble();
                        case 3 -> b[i] = b[i] + 1;
                        case 4 -> bMask ^= AreaVocabulary.bit(i); // an optional metric appears or disappears
                        default -> b[i] = b[i] + TOLERANCE * Math.max(1, Math.abs(b[i]));
                    }
                }
                boolean fromMap = vocabulary.materially(vocabulary.immutableMap(b, bMask), v, mask, TOLERANCE);
                assertThat(vocabulary.materially(b, bMask, v, mask, TOLERANCE)).as("news from numbers").isEqualTo(fromMap);
            }
        }
        assertThat(published).as("both answers occurred").isBetween(1_000, 11_000);
    }

    /** A shared box holds exactly the value a fresh one would, bit for bit (−0, NaN, fractions, the ends of the range). */
    @Test
    void sharedBoxesHoldTheValueToTheBit() {
        SplittableRandom random = new SplittableRandom(9);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, 255.0, 256.0, -1.0,
                0.5, 254.999999, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 4e9, -4e9, 1e-300,
                Double.MIN_VALUE, (double) Integer.MAX_VALUE));
        for (int k = 0; k < 2000; k++) {
            values.add(random.nextBoolean() ? (double) random.nextInt(-10, 300) : random.nextDouble(-5, 300));
        }
        int shared = 0;
        for (double v : values) {
            Double box = AreaVocabulary.boxed(v);
            assertThat(Double.doubleToRawLongBits(box)).as("%s", v).isEqualTo(Double.doubleToRawLongBits(v));
            assertThat(box).isEqualTo(Double.valueOf(v));
            shared += box == AreaVocabulary.boxed(v) ? 1 : 0;
        }
        assertThat(shared).as("small whole numbers share a box").isGreaterThan(500);
        assertThat(AreaVocabulary.boxed(-0.0)).isNotSameAs(AreaVocabulary.boxed(0.0));
    }
}
