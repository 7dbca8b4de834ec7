package org.ember.infra.cli.stats;

import org.ember.geo.nearrepeat.NearRepeatCalculator;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Option;

/** {@code --permutations} and {@code --seed} of the permutation tests (Knox, near repeat). */
public final class PermutationOptions {
    @Option(names = "--permutations", paramLabel = "B", defaultValue = "" + NearRepeatCalculator.DEFAULT_PERMUTATIONS,
            description = "Number of random permutations of the times (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the permutations (default: ${DEFAULT-VALUE}).")
    long seed;

    int checkedPermutations() {
        if (permutations < 1) {
            throw new UserError("--permutations must be at least 1, got " + permutations);
        }
        return permutations;
    }
}
