package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.layers.SeasonalExceedance;
import org.ember.geo.risk.AreaRisk;
import org.ember.geo.tension.TensionLevel;
import org.ember.geo.tension.TensionScore;
import org.ember.geo.tension.TensionSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tension score added up from numbers ({@link TensionLayer#bareScore}) must be, to the bit, the
 * score of the inputs with their explanations ({@link TensionLayer#reasons}), whatever the weights,
 * caps and levels; and the authority's tensest neighbourhood kept in task memory must be what
 * scanning the published neighbourhoods finds, as they are published, changed and cleared.
 */
class TensionBareScoreTest {
    private static final String[] SIGNALS = {TensionSettings.NEAR_REPEAT, TensionSettings.RIVALRY, TensionSettings.INTEL,
        TensionSettings.NAVIGATOR, TensionSettings.HOT_CELLS, TensionSettings.CLUSTER, TensionSettings.SCAN,
        TensionSettings.EXCEEDANCE, TensionSettings.MULTI_AGENCY, TensionSettings.EMERGING, TensionSettings.NEIGHBOURHOOD};

    private static TensionSettings settings(SplittableRandom random) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, Double> caps = new LinkedHashMap<>();
        for (String s : SIGNALS) {
            switch (random.nextInt(6)) {
                case 0 -> { } // no weight: does not count
                case 1 -> weights.put(s, 0.0);
                case 2 -> weights.put(s, -random.nextDouble());
                default -> weights.put(s, random.nextDouble() * 3);
            }
            if (random.nextBoolean()) {
                caps.put(s, random.nextDouble() * 5);
            }
        }
        List<TensionLevel> levels = new ArrayList<>();
        levels.add(new TensionLevel("low", 0));
        for (int k = random.nextInt(4); k > 0; k--) {
            levels.add(new TensionLevel("level" + k, random.nextDouble() * 8));
        }
        return new TensionSettings(weights, caps, levels, random.nextDouble());
    }

    private static double value(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0, 1 -> 0;
            case 2 -> -random.nextDouble();
            case 3 -> Double.NaN;
            default -> random.nextDouble() * 6;
        };
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void theBareScoreIsTheScoreOfTheExplainedInputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 60; round++) {
            FusionSettings fusion = FusionFixtures.withScanReplications(19).withTension(settings(random));
            FusionContext context = FusionContext.of(fusion, FusionFixtures.SHAPES, null);
            LadState state = FusionFixtures.memoryState();
            LadScope lad = new LadScope(FusionFixtures.CARDIFF, context, state, new LadCache(context, true),
                    new FusionFixtures.Collected());
            TensionLayer tension = new TensionLayer(lad);
            List<String> neighbourhoods = new ArrayList<>();
            for (int k = 0; k < 30; k++) {
                neighbourhoods.add("lsoa:W0100" + (1000 + random.nextInt(60)));
            }
            for (int step = 0; step < 60; step++) {
                // A neighbourhood published (with or without a tension score) or cleared, as AreaEvaluation does it.
                String key = random.nextInt(5) == 0 ? "lad:" + FusionFixtures.CARDIFF
                        : neighbourhoods.get(random.nextInt(neighbourhoods.size()));
                if (random.nextInt(4) == 0) {
                    state.areas().remove(key);
                    tension.published(key, null);
                } else {
                    Map<String, Double> values = new LinkedHashMap<>();
                    values.put("incidents", 1.0);
                    if (random.nextInt(5) != 0) {
                        values.put("tension_score", random.nextInt(4) == 0 ? 0.0 : Publish.round(random.nextDouble() * 9));
                    }
                    Published p = new Published(values, Map.of(), List.of());
                    state.areas().put(key, p);
                    tension.published(key, p);
                }
                boolean isLad = random.nextInt(3) == 0;
                AreaTally tally = new AreaTally();
                tally.clusterMembers = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
                tally.multiAgency[0] = random.nextInt(3) == 0 ? 0 : random.nextInt(5);
                tally.clusters.add(1);
                List<String> hot = new ArrayList<>();
                for (int c = random.nextInt(4); c > 0; c--) {
                    hot.add("cell" + c);
                }
                List<String> emerging = new ArrayList<>();
                for (int c = random.nextInt(3); c > 0; c--) {
                    emerging.add("cell" + c);
                }
                ScanHit hit = random.nextBoolean() ? null
                        : new ScanHit("scan", "W0100", List.of("W0100"), "a", "b", 3, 1.0, random.nextDouble() * 40);
                SeasonalExceedance.Result seasonal = random.nextBoolean() ? null
                        : new SeasonalExceedance.Result(random.nextInt(30), 10, 20, Math.pow(10, -12 * random.nextDouble()), 1);
                double[] risk = {value(random), value(random), value(random), value(random)};
                TensionLayer.Readings readings = new TensionLayer.Readings(tally,
                        new AreaRisk(risk[0], risk[1], risk[2], risk[3], List.of()), hot, emerging, hit, seasonal, "24h");
                TensionScore explained = tension.score(tension.reasons(isLad, readings));
                TensionScore bare = tension.bareScore(isLad, new TensionLayer.Readings(tally, null, hot, emerging, hit,
                        seasonal, "24h"), risk, isLad ? tension.tensestNeighbourhood() : 0);
                assertThat(bits(bare.score())).as("score %s against %s", bare, explained).isEqualTo(bits(explained.score()));
                assertThat(bare.levelIndex()).isEqualTo(explained.levelIndex());
                assertThat(bare.level()).isEqualTo(explained.level());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theTensestNeighbourhoodIsTheHighestPublished(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NeighbourhoodTension index = new NeighbourhoodTension();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int step = 0; step < 5_000; step++) {
            String key = "lsoa:" + random.nextInt(20);
            if (random.nextInt(4) == 0) {
                index.remove(key);
                scores.remove(key);
            } else {
                double score = random.nextInt(6) == 0 ? 0 : random.nextInt(3) == 0 ? -1 : random.nextInt(12) / 2.0;
                index.put(key, score);
                scores.put(key, score);
            }
            if (random.nextInt(3) == 0) {
                double best = 0;
                for (double s : scores.values()) {
                    if (s > best) {
                        best = s;
                    }
                }
                assertThat(index.best()).isEqualTo(best);
            }
        }
    }
}
