package org.ember.infra.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ember.geo.evaluation.InterventionEvaluation;

/**
 * Offences prevented summed over the estimated interventions of one type or spoke. The interval
 * adds each intervention's lower and upper distances from its estimate in quadrature, which treats
 * the interventions as independent; interventions sharing comparison areas are not, so the pooled
 * interval is approximate (docs/evaluation.md).
 *
 * @param key          type or spoke
 * @param interventions interventions of this key in the period
 * @param estimated    of which had an estimate
 */
public record Aggregate(String key, int interventions, int estimated, double prevented, double low, double high) {

    static List<Aggregate> by(List<InterventionEvaluation> evaluations, Function<InterventionEvaluation, String> key) {
        Map<String, List<InterventionEvaluation>> groups = new TreeMap<>();
        for (InterventionEvaluation e : evaluations) {
            groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
        }
        List<Aggregate> out = new ArrayList<>();
        groups.forEach((k, list) -> {
            double sum = 0;
            double lo2 = 0;
            double hi2 = 0;
            int n = 0;
            for (InterventionEvaluation e : list) {
                if (e.estimated() && Double.isFinite(e.preventedLow()) && Double.isFinite(e.preventedHigh())) {
                    n++;
                    sum += e.prevented();
                    lo2 += Math.pow(e.prevented() - e.preventedLow(), 2);
                    hi2 += Math.pow(e.preventedHigh() - e.prevented(), 2);
                }
            }
            out.add(n == 0 ? new Aggregate(k, list.size(), 0, Double.NaN, Double.NaN, Double.NaN)
                    : new Aggregate(k, list.size(), n, sum, sum - Math.sqrt(lo2), sum + Math.sqrt(hi2)));
        });
        return out;
    }
}
