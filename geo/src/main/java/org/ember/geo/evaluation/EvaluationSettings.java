package org.ember.geo.evaluation;

/**
 * @param preWeeks           weeks before the start used as the pre-period
 * @param minPreWeeks        fewer pre-weeks available: no estimate
 * @param comparisonsPerTreated comparison areas matched per treated area
 * @param minComparison      fewer comparison areas: no estimate
 * @param minTreatedPreCount fewer offences in the treated areas' pre-period: no estimate
 * @param permutations       random placebo assignments when they cannot all be enumerated
 * @param seed               seed of the placebo draws
 * @param alpha              1 − confidence level
 */
public record EvaluationSettings(int preWeeks, int minPreWeeks, int comparisonsPerTreated, int minComparison,
        int minTreatedPreCount, int permutations, long seed, double alpha) {
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(12, 6, 5, 5, 10, 999, 17L, 0.05);
    }
}
