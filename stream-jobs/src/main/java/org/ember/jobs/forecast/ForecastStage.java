package org.ember.jobs.forecast;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.ember.jobs.OutputTopic;
import org.ember.model.Incident;
import org.ember.model.Topics;
import org.ember.model.forecast.ForecastRanking;

/** Daily hotspot rankings per spoke, published on {@code ember.forecasts} for the console's forecast layer. */
public final class ForecastStage {
    /** The latest ranking per spoke is the one to draw; at least once is enough. */
    public static final OutputTopic<ForecastRanking> FORECASTS = new OutputTopic<>(Topics.FORECASTS,
            ForecastRanking::key, r -> r, false);

    private ForecastStage() {}

    public static DataStream<ForecastRanking> attach(DataStream<Incident> incidents, ForecastSettings settings) {
        return incidents
                .filter(i -> i.lad() != null && settings.spokeOfLad().containsKey(i.lad()))
                .uid("forecast-spoke-filter")
                .name("Incidents of a spoke")
                .keyBy(new SpokeOf(settings))
                .process(new SpokeForecastFunction(settings))
                .uid("forecast-daily-ranking")
                .name("Daily hotspot ranking per spoke");
    }

    /** The spoke serving an incident's local authority. */
    static final class SpokeOf implements KeySelector<Incident, String> {
        private final ForecastSettings settings;

        SpokeOf(ForecastSettings settings) {
            this.settings = settings;
        }

        @Override
        public String getKey(Incident incident) {
            return settings.spokeOfLad().get(incident.lad());
        }
    }
}
