package org.ember.rules.backtest;

import java.util.List;

/**
 * The scored outcome of one backtest of one rule directory.
 *
 * @param label          what was tested (the rule directory)
 * @param ruleVersion    the rule set's content hash
 * @param from           start of the period, epoch milliseconds
 * @param to             end of the period, epoch milliseconds
 * @param horizonMillis  how long after an alert a serious incident counts as having followed it
 * @param seriousIncidents serious incidents in the period (N)
 * @param coveredLsoas   LSOAs of the covered area (the unit of A)
 * @param rules          per rule, in rule-file order, then "all rules" combined
 * @param episodes       every alert, in time order
 * @param wallMillis     how long the replay took
 * @param records        feed records replayed
 */
public record BacktestReport(String label, String ruleVersion, long from, long to, long horizonMillis, int seriousIncidents,
        int coveredLsoas, List<RuleScore> rules, List<Episode> episodes, long wallMillis, long records) {
    public static final String ALL_RULES = "(all rules)";

    public BacktestReport {
        rules = List.copyOf(rules);
        episodes = List.copyOf(episodes);
    }

    public RuleScore rule(String name) {
        return rules.stream().filter(r -> r.rule().equals(name)).findFirst().orElse(null);
    }
}
