package org.ember.rules.backtest;

import java.util.List;

/**
 * How one rule did over a backtest period.
 *
 * @param rule            rule name
 * @param alerts          alerts that fired in the period
 * @param areas           distinct areas they fired in
 * @param medianHours     median time an alert fired, hours (NaN without alerts)
 * @param totalHours      total firing time, hours
 * @param hits            alerts followed by a serious incident in the same area within the horizon
 * @param hitRate         hits / alerts (NaN without alerts)
 * @param captured        share of all serious incidents that fell in a flagged area within the
 *                        horizon after a flag (n/N)
 * @param flaggedShare    flagged LSOA-time as a share of all covered LSOA-time (a/A)
 * @param pai             predictive accuracy index, captured / flaggedShare (NaN when nothing was flagged)
 * @param topAreas        the areas with most alerts, "name (n)"
 */
public record RuleScore(String rule, int alerts, int areas, double medianHours, double totalHours, int hits, double hitRate,
        double captured, double flaggedShare, double pai, List<String> topAreas) {
    public RuleScore {
        topAreas = List.copyOf(topAreas);
    }
}
