package org.ember.geo.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses comparison areas for the treated areas of an intervention: for each treated area the
 * nearest candidates on pre-period rate and deprivation (each standardised by its spread among the
 * candidates), without replacement. Candidates are areas that were neither treated nor in the
 * surrounding ring (where displacement or diffusion would contaminate the comparison).
 */
public final class ComparisonMatcher {
    private ComparisonMatcher() {}

    /**
     * @param preRate       count per period before the intervention
     * @param deprivation   rank fraction (0 = most deprived), NaN when unknown
     */
    public record Profile(String unit, double preRate, double deprivation) {}

    public static List<String> match(Collection<Profile> treated, Collection<Profile> candidates, Set<String> excluded, int perTreated) {
        List<Profile> pool = new ArrayList<>();
        for (Profile c : candidates) {
            if (!excluded.contains(c.unit())) {
                pool.add(c);
            }
        }
        double rateSd = sd(pool.stream().mapToDouble(Profile::preRate).toArray());
        double depSd = sd(pool.stream().mapToDouble(Profile::deprivation).filter(Double::isFinite).toArray());
        Set<String> chosen = new LinkedHashSet<>();
        // Treated areas with the fewest close candidates go first would be fairer; the order of the
        // treated list keeps the result deterministic and is good enough for a few areas.
        for (Profile t : treated) {
            pool.stream()
                    .filter(c -> !chosen.contains(c.unit()))
                    .sorted(Comparator.comparingDouble((Profile c) -> distance(t, c, rateSd, depSd)).thenComparing(Profile::unit))
                    .limit(perTreated)
                    .forEach(c -> chosen.add(c.unit()));
        }
        return List.copyOf(chosen);
    }

    /** Mean pre-rate and deprivation of a group, for the balance table. */
    public static double[] balance(Collection<String> units, Map<String, Profile> profiles) {
        double rate = 0;
        double dep = 0;
        int nd = 0;
        for (String u : units) {
            Profile p = profiles.get(u);
            rate += p.preRate();
            if (Double.isFinite(p.deprivation())) {
                dep += p.deprivation();
                nd++;
            }
        }
        return new double[] {units.isEmpty() ? Double.NaN : rate / units.size(), nd == 0 ? Double.NaN : dep / nd};
    }

    private static double distance(Profile a, Profile b, double rateSd, double depSd) {
        double dr = (a.preRate() - b.preRate()) / (rateSd > 0 ? rateSd : 1);
        double dd = Double.isFinite(a.deprivation()) && Double.isFinite(b.deprivation())
                ? (a.deprivation() - b.deprivation()) / (depSd > 0 ? depSd : 1)
                : 0;
        return dr * dr + dd * dd;
    }

    private static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
