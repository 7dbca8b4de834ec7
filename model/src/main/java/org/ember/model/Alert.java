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
        java.util.Map<String, String> annotations) {

    public Alert {
        labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
        annotations = annotations == null ? java.util.Map.of() : java.util.Map.copyOf(annotations);
    }

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
}
