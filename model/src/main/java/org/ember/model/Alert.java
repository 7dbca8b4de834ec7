package org.ember.model;

/**
 * One transition of an alert, as published on {@code ember.alerts}.
 *
 * @param fingerprint  deterministic id from rule, area and episode: replays never make a new one
 * @param rule         rule name
 * @param state        "firing" or "resolved"
 * @param severity     rule severity label
 * @param layer        area layer ("lsoa", "lad" or "cell")
 * @param areaId       area code
 * @param areaName     human-readable area name
 * @param lad          local authority (spoke) the area belongs to
 * @param episodeStart event time the condition first held in this episode, epoch milliseconds
 * @param eventTime    event time of this transition, epoch milliseconds
 * @param metric       the metric the rule watched, e.g. {@code count{window=24h,feed=any,category=weapon}}
 * @param value        the metric's value at the transition
 * @param threshold    the rule's threshold
 * @param summary      one readable sentence: what, where, why
 * @param labels       what routing matches on: alertname, severity, layer, area, lad (the spoke), …
 * @param annotations  readable extras for the receiver (description, why, runbook, …)
 * @param processedAt  wall-clock time the job evaluated the update that caused this transition,
 *                     epoch milliseconds (0 when not stamped, e.g. in rule tests)
 * @param recordAppendedAt when the input record that tipped it was appended to Kafka, epoch
 *                     milliseconds; 0 when no record tipped it (a {@code for} deadline, a window exit)
 *                     or the time is unknown. Record → alert latency is measured from it.
 */
public record Alert(
        String fingerprint,
        String rule,
        String state,
        String severity,
        String layer,
        String areaId,
        String areaName,
        String lad,
        long episodeStart,
        long eventTime,
        String metric,
        double value,
        double threshold,
        String summary,
        java.util.Map<String, String> labels,
        java.util.Map<String, String> annotations,
        long processedAt,
        long recordAppendedAt) {

    public Alert {
        labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
        annotations = annotations == null ? java.util.Map.of() : java.util.Map.copyOf(annotations);
    }

    /** A transition not (yet) stamped with processing and append times. */
    public Alert(String fingerprint, String rule, String state, String severity, String layer, String areaId,
            String areaName, String lad, long episodeStart, long eventTime, String metric, double value, double threshold,
            String summary, java.util.Map<String, String> labels, java.util.Map<String, String> annotations) {
        this(fingerprint, rule, state, severity, layer, areaId, areaName, lad, episodeStart, eventTime, metric, value,
                threshold, summary, labels, annotations, 0L, 0L);
    }

    /** The same transition, stamped with when the job evaluated it and when its tipping record was appended. */
    public Alert stamped(long processedAt, long recordAppendedAt) {
        return new Alert(fingerprint, rule, state, severity, layer, areaId, areaName, lad, episodeStart, eventTime, metric,
                value, threshold, summary, labels, annotations, processedAt, recordAppendedAt);
    }

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
}
