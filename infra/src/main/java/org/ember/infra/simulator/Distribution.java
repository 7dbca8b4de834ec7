package org.ember.infra.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A finite distribution over named values, e.g. age bands or assault methods. Weights need not sum
 * to one; they are normalised on use. Values keep their declared order so that draws are
 * reproducible from a seed.
 */
public record Distribution(List<Weighted> outcomes) {

    /** One value and its (unnormalised) weight. */
    public record Weighted(String value, double weight) {
        public Weighted {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a distribution value must not be blank");
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of '" + value + "' must be finite and >= 0, was " + weight);
            }
        }
    }

    public Distribution {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty() || outcomes.stream().mapToDouble(Weighted::weight).sum() <= 0) {
            throw new IllegalArgumentException("a distribution needs at least one value with a positive weight");
        }
    }

    /** Builds a distribution from value/weight pairs: {@code of("a", 0.7, "b", 0.3)}. */
    public static Distribution of(Object... valueWeightPairs) {
        if (valueWeightPairs.length % 2 != 0) {
            throw new IllegalArgumentException("expected value/weight pairs");
        }
        List<Weighted> list = new ArrayList<>();
        for (int i = 0; i < valueWeightPairs.length; i += 2) {
            list.add(new Weighted((String) valueWeightPairs[i], ((Number) valueWeightPairs[i + 1]).doubleValue()));
        }
        return new Distribution(list);
    }

    public double totalWeight() {
        return outcomes.stream().mapToDouble(Weighted::weight).sum();
    }

    /** Probability of a value (0 when absent). */
    public double probability(String value) {
        return outcomes.stream().filter(w -> w.value().equals(value)).mapToDouble(Weighted::weight).sum() / totalWeight();
    }

    /** Probabilities by value, in declared order. */
    public Map<String, Double> probabilities() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Weighted w : outcomes) {
            map.merge(w.value(), w.weight() / totalWeight(), Double::sum);
        }
        return map;
    }

    /** Draws one value; consumes exactly one random number. */
    public String draw(SplittableRandom random) {
        double u = random.nextDouble() * totalWeight();
        double cumulative = 0;
        for (Weighted w : outcomes) {
            cumulative += w.weight();
            if (u < cumulative) {
                return w.value();
            }
        }
        // Rounding can leave u a hair above the last cumulative sum: the last positive value wins.
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            if (outcomes.get(i).weight() > 0) {
                return outcomes.get(i).value();
            }
        }
        throw new IllegalStateException("unreachable: distribution has a positive weight");
    }
}
