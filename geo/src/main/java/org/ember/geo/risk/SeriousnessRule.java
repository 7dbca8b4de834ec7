package org.ember.geo.risk;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which incidents raise near-repeat and retaliation risk, and by how much. Each reason adds its
 * weight; an incident is serious when the sum reaches {@code threshold}, and then raises risk by
 * that sum (capped at {@code maxWeight}). With the defaults a knife or firearm, or a category 1
 * stab/gunshot call-out, is serious on its own; a young victim adds half as much again but is not
 * serious alone (a quarter of assault victims are 18–24).
 *
 * @param weaponWeight          knife, sharp instrument or firearm
 * @param penetratingCat1Weight ambulance stab/gunshot/penetrating trauma call-out in response category 1
 * @param youngVictimWeight     victim in one of {@code youngAgeBands}
 * @param youngAgeBands         age bands that count as young
 * @param threshold             least total weight of a serious incident
 * @param maxWeight             cap on the total
 */
public record SeriousnessRule(
        double weaponWeight,
        double penetratingCat1Weight,
        double youngVictimWeight,
        Set<String> youngAgeBands,
        double threshold,
        double maxWeight) implements Serializable {

    public SeriousnessRule {
        youngAgeBands = Set.copyOf(youngAgeBands);
    }

    public static SeriousnessRule defaults() {
        return new SeriousnessRule(1.0, 1.0, 0.5, Set.of("10-14", "15-17", "18-24"), 1.0, 2.0);
    }

    /**
     * @param weapon            a weapon was reported by any agency
     * @param responseCategory  most urgent ambulance response category (1–4), 0 if no call-out
     * @param penetrating       the call-out was for stab/gunshot/penetrating trauma
     * @param ageBand           victim age band, or null
     */
    public Seriousness assess(boolean weapon, int responseCategory, boolean penetrating, String ageBand) {
        double weight = 0;
        List<String> reasons = new ArrayList<>(3);
        if (weapon) {
            weight += weaponWeight;
            reasons.add("weapon");
        }
        if (penetrating && responseCategory == 1) {
            weight += penetratingCat1Weight;
            reasons.add("cat1_penetrating");
        }
        if (ageBand != null && youngAgeBands.contains(ageBand)) {
            weight += youngVictimWeight;
            reasons.add("young_victim");
        }
        if (weight < threshold || weight <= 0) {
            return Seriousness.NONE;
        }
        return new Seriousness(Math.min(weight, maxWeight), reasons);
    }
}
