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
        String summary) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
}
