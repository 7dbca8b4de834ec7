package org.ember.rules.unittest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One rule unit-test file: the rule files it tests and its test cases (format in {@code docs/rules.md}).
 *
 * @param path      the test file
 * @param ruleFiles the rule files under test, resolved against the test file's directory
 * @param tests     the test cases, in file order
 */
public record RuleTestFile(Path path, List<Path> ruleFiles, List<Case> tests) {
    public RuleTestFile {
        ruleFiles = List.copyOf(ruleFiles);
        tests = List.copyOf(tests);
    }

    /**
     * One test case.
     *
     * @param name    the test's name (what {@code --run} matches)
     * @param reports partner reports fed through the same counting code as the job
     * @param records  partner records in their feed's form: counted and fused as the job does
     * @param metrics metric values given directly (for metrics other stages publish)
     * @param expect  what must be pending or firing at given times
     * @param where   {@code file:line:column} of the case, for messages
     * @param recordsWhere {@code file:line:column} of the case's {@code records}, or null when it has none
     */
    public record Case(String name, List<Reports> reports, List<PartnerRecord> records, List<MetricSeries> metrics,
            List<Expectation> expect, String where, String recordsWhere) {
        public Case {
            reports = List.copyOf(reports);
            records = List.copyOf(records);
            metrics = List.copyOf(metrics);
            expect = List.copyOf(expect);
        }

        /** A case without partner records. */
        public Case(String name, List<Reports> reports, List<MetricSeries> metrics, List<Expectation> expect, String where) {
            this(name, reports, List.of(), metrics, expect, where, null);
        }
    }

    /**
     * One partner record as its feed sends it.
     *
     * @param feed       feed code
     * @param arrival    when it arrives (its Kafka timestamp in the job), epoch milliseconds
     * @param json       the record, in the feed's JSON contract
     * @param where      {@code file:line:column} of the record, for messages
     * @param placeWhere {@code file:line:column} of its place
     */
    public record PartnerRecord(String feed, long arrival, String json, String where, String placeWhere) {}

    /**
     * {@code times} reports of one kind in one place, {@code every} apart from {@code start}.
     *
     * @param feed     feed code
     * @param category normalised category
     * @param weapon   counts towards the weapon category too
     * @param layer    "lsoa" (counted for the LSOA and its local authority) or "lad" (only the local authority)
     * @param areaId   area code
     */
    public record Reports(String feed, String category, boolean weapon, String layer, String areaId, long start, long every,
            int times) {}

    /**
     * Values of one metric of one area, {@code every} apart from {@code start}.
     *
     * @param metric canonical metric name
     */
    public record MetricSeries(String metric, String layer, String areaId, long start, long every, List<Double> values) {
        public MetricSeries {
            values = List.copyOf(values);
        }
    }

    /**
     * What must hold at one time.
     *
     * @param at      event time, epoch milliseconds
     * @param rule    only this rule's alerts are compared, or null for every rule
     * @param firing  exactly these alerts fire (empty: none), or null to not compare
     * @param pending exactly these alerts are pending, or null to not compare
     * @param where   {@code file:line:column}, for messages
     */
    public record Expectation(long at, String rule, List<ExpectedAlert> firing, List<ExpectedAlert> pending, String where) {}

    /**
     * One expected alert: the labels and annotations given must match (others are not compared).
     *
     * @param receivers where routing must deliver it at that time, or null to not check routing
     */
    public record ExpectedAlert(Map<String, String> labels, Map<String, String> annotations, List<String> receivers) {
        public ExpectedAlert {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
            receivers = receivers == null ? null : List.copyOf(receivers);
        }
    }
}
