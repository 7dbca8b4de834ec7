package org.ember.infra.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@code promtool test rules} file for the real rule file whose input series are the
 * series a running job exported (metric name and every label as scraped): four weeks and a day of
 * every feed arriving each step, then the A&amp;E feed stops while the others go on. The
 * feed-silence alert must stay quiet 10 minutes in and page for A&amp;E alone 25 minutes in.
 *
 * <p>Scrapes and evaluations are 5 minutes apart, not the deployment's 1: promtool evaluates every
 * rule at every step of the four weeks the usual gap reads, which took 2 CPU-minutes at 1 minute
 * (the longest part of the cluster campaign's first test on a loaded machine) and takes 20 s at 5.
 * The rules see the same silences (0 while a feed arrives each step) and the same 15-minute floor.
 */
final class FeedSilencePromtoolFile {
    static final String LAST_RECORD = "flink_taskmanager_job_task_operator_ember_feed_last_record_seconds";
    private static final int STEP_MINUTES = 5;
    /** Steps until the A&amp;E feed stops, and after. */
    private static final int STOP = 29 * 1440 / STEP_MINUTES;
    private static final int AFTER = 40 / STEP_MINUTES;

    private FeedSilencePromtoolFile() {}

    static Path write(PromExposition scraped, Path rules, Path file) throws java.io.IOException {
        List<PromExposition.Sample> series = scraped.named(LAST_RECORD);
        if (series.isEmpty()) {
            throw new IllegalStateException("the job exported no " + LAST_RECORD);
        }
        Map<String, Double> newest = series.stream().collect(Collectors.toMap(s -> s.labels().get("feed"),
                PromExposition.Sample::value, Math::max));
        StringBuilder y = new StringBuilder();
        y.append("rule_files:\n  - ").append(rules.toAbsolutePath()).append("\nevaluation_interval: ").append(STEP_MINUTES)
                .append("m\ntests:\n");
        y.append("  - interval: ").append(STEP_MINUTES).append("m\n    input_series:\n");
        for (PromExposition.Sample s : series) {
            String feed = s.labels().get("feed");
            // A subtask that read the feed's newest record carries it; the others' gauges stay where they are.
            boolean reading = s.value() == newest.get(feed);
            long perStep = 60L * STEP_MINUTES;
            String values = !reading ? "0x" + (STOP + AFTER)
                    : "ae".equals(feed) ? "0+" + perStep + "x" + STOP + " " + (perStep * STOP) + "x" + AFTER
                    : "0+" + perStep + "x" + (STOP + AFTER);
            y.append("      - series: '").append(selector(s).replace("'", "''")).append("'\n");
            y.append("        values: '").append(values).append("'\n");
        }
        y.append("    alert_rule_test:\n");
        int stopMinute = STOP * STEP_MINUTES;
        y.append("      - eval_time: ").append(stopMinute + 10).append("m\n        alertname: EmberFeedSilent\n        exp_alerts: []\n");
        y.append("      - eval_time: ").append(stopMinute + 25).append("m\n        alertname: EmberFeedSilent\n        exp_alerts:\n");
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
