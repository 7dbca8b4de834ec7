package org.ember.model.forecast;

/**
 * What the job publishes on {@code ember.forecasts}; {@code type} tells a reader which record it
 * holds. Only daily rankings so far: a new kind of forecast message joins the permits list.
 */
public sealed interface ForecastMessage permits ForecastRanking {
    /** The message's kind, written into its JSON. */
    String type();

    /** Record key on the topic (same spoke, same partition, so one spoke's days stay in order). */
    String key();
}
