package org.ember.model;

import java.util.ArrayList;
import java.util.List;

/** Names of Ember's own topics. Feed topics are named by {@link Feed#topic()}. */
public final class Topics {
    public static final String DEAD_LETTER = "ember.dlq";
    public static final String ALERTS = "ember.alerts";
    public static final String HOTSPOTS = "ember.hotspots";
    public static final String TENSION = "ember.tension";
    public static final String RULES = "ember.rules";
    /** What the job did with each rule snapshot: accepted, rejected (with the problems) or ignored. */
    public static final String RULE_EVENTS = "ember.rules.events";
    public static final String DELIVERIES = "ember.deliveries";
    public static final String ACKS = "ember.acks";
    public static final String INCIDENTS = "ember.incidents";
    /** Who viewed, exported, acknowledged or silenced what in the console, by name. */
    public static final String AUDIT = "ember.audit";
    /** What partners did (patrols, outreach, sessions): a feed of its own that never enters the counts. */
    public static final String INTERVENTIONS_FEED = "feed.interventions";
    /** Interventions accepted at ingest, for {@code ember evaluate}. */
    public static final String INTERVENTIONS = "ember.interventions";
    /** Daily hotspot rankings per spoke ({@code org.ember.model.forecast.ForecastMessage}). */
    public static final String FORECASTS = "ember.forecasts";

    private Topics() {}

    /** Every topic Ember uses, feeds first. */
    public static List<String> all() {
        List<String> topics = new ArrayList<>();
        for (Feed feed : Feed.values()) {
            topics.add(feed.topic());
        }
        topics.addAll(List.of(DEAD_LETTER, ALERTS, HOTSPOTS, TENSION, RULES, RULE_EVENTS, DELIVERIES, ACKS, INCIDENTS));
        topics.add(AUDIT);
        topics.addAll(List.of(INTERVENTIONS_FEED, INTERVENTIONS));
        topics.add(FORECASTS);
        return topics;
    }

    /** Topics whose latest value per key is all that matters; Kafka keeps them compacted. */
    public static boolean isCompacted(String topic) {
        return RULES.equals(topic);
    }
}
