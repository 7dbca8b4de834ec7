package org.ember.infra.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@code promtool test rules} file for the real rule file whose input series are the
 * series a running job exported (metric name and every label as scraped): four weeks and a day of
 * every feed arriving each minute, then the A&amp;E feed stops while the others go on. The
 * feed-silence alert must stay quiet 10 minutes in and page for A&amp;E alone 25 minutes in.
 */
final class FeedSilencePromtoolFile {
    static final String LAST_RECORD = "flink_taskmanager_job_task_operator_ember_feed_last_record_seconds";
    private static final int STOP = 29 * 1440;
    private static final int AFTER = 40;

    private FeedSilencePromtoolFile() {}

    static Path write(PromExposition scraped, Path rules, Path file) throws java.io.IOException {
        List<PromExposition.Sample> series = scraped.named(LAST_RECORD);
        if (series.isEmpty()) {
            throw new IllegalStateException("the job exported no " + LAST_RECORD);
        }
        Map<String, Double> newest = series.stream().collect(Collectors.toMap(s -> s.labels().get("feed"),
                PromExposition.Sample::value, Math::max));
        StringBuilder y = new StringBuilder();
        y.append("rule_files:\n  - ").append(rules.toAbsolutePath()).append("\nevaluation_interval: 1m\ntests:\n");
        y.append("  - interval: 1m\n    input_series:\n");
        for (PromExposition.Sample s : series) {
            String feed = s.labels().get("feed");
            // A subtask that read the feed's newest record carries it; the others' gauges stay where they are.
            boolean reading = s.value() == newest.get(feed);
            String values = !reading ? "0x" + (STOP + AFTER)
                    : "ae".equals(feed) ? "0+60x" + STOP + " " + (60L * STOP) + "x" + AFTER
                    : "0+60x" + (STOP + AFTER);
            y.append("      - series: '").append(selector(s).replace("'", "''")).append("'\n");
            y.append("        values: '").append(values).append("'\n");
        }
        y.append("    alert_rule_test:\n");
        y.append("      - eval_time: ").append(STOP + 10).append("m\n        alertname: EmberFeedSilent\n        exp_alerts: []\n");
        y.append("      - eval_time: ").append(STOP + 25).append("m\n        alertname: EmberFeedSilent\n        exp_alerts:\n");
        y.append("          - exp_labels:\n              severity: page\n              feed: ae\n");
        y.append("            exp_annotations:\n              summary: \"Feed ae silent for 25m 0s\"\n");
        y.append("              description: \"No ae record has reached Ember for longer than that feed is usually silent at"
                + " this hour of the week. A silent feed looks exactly like a quiet night: check the partner's export and"
                + " the feed.ae topic before trusting the map.\"\n");
        y.append("              runbook: docs/cluster.md#alerts\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, y.toString());
        return file;
    }

    private static String selector(PromExposition.Sample s) {
        return s.name() + s.labels().entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
