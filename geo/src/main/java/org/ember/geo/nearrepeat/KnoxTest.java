package org.ember.geo.nearrepeat;

/**
 * The Knox test of space-time interaction (Knox 1964) with a Monte Carlo null: a pair of events is
 * close in space when its distance is at most {@code distance} and close in time when its time gap
 * is at most {@code time} (both inclusive). Observed close-close pairs are compared with the counts
 * after permuting the event times (seeded); ratio = observed / mean expected,
 * p = (1 + #{permuted count ≥ observed}) / (B + 1). It is the near-repeat table with the single
 * bands [0, distance] and [0, time].
 */
public final class KnoxTest {
    private KnoxTest() {}

    public static KnoxResult run(double[] x, double[] y, double[] t, double distance, double time,
                                 int permutations, long seed) {
        if (!(distance > 0) || !(time > 0)) {
            throw new IllegalArgumentException("Knox distance and time must be positive");
        }
        NearRepeatTable table = NearRepeatCalculator.analyse(x, y, t, Bands.of(0, distance), Bands.of(0, time),
                permutations, seed);
        return new KnoxResult(distance, time, permutations,
                table.cell(0, 0), table.cell(1, 0), table.cell(0, 1), table.cell(1, 1));
    }
}
