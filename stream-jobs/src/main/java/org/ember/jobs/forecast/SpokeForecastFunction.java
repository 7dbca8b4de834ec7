package org.ember.jobs.forecast;

import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.model.Incident;
import org.ember.model.forecast.ForecastRanking;

/**
 * Keyed by spoke: keeps the spoke's precisely placed incidents of the training window and, when the
 * first incident after the watermark has entered a new local day arrives, publishes the ranking for
 * that day. Publication rides on arriving records rather than a daily timer per spoke, so a bounded
 * replay ends without draining a year of midnights (issue 10); a spoke with no incident on a day
 * gets that day's ranking with its next incident, or none if a later day comes first. The only timer
 * is one per spoke at the moment its newest incident leaves the window, which clears the state.
 */
public final class SpokeForecastFunction extends KeyedProcessFunction<String, Incident, ForecastRanking> {
    private final ForecastSettings settings;
    private transient ZoneId zone;
    private transient ListState<LookbackEvent> lookback;
    private transient ValueState<Long> lastIssued;
    private transient ValueState<Long> expiry;

    public SpokeForecastFunction(ForecastSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        zone = settings.zoneId();
        lookback = getRuntimeContext().getListState(
                new ListStateDescriptor<>("forecast-lookback", TypeInformation.of(LookbackEvent.class)));
        lastIssued = getRuntimeContext().getState(new ValueStateDescriptor<>("forecast-last-issued", Types.LONG));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("forecast-expiry", Types.LONG));
    }

    @Override
    public void processElement(Incident incident, Context ctx, Collector<ForecastRanking> out) throws Exception {
        long day = ForecastLookback.dayToIssue(ctx.timerService().currentWatermark(), lastIssued.value(), zone);
        if (day >= 0) {
            List<LookbackEvent> kept = ForecastLookback.trim(lookback.get(), day - settings.trainingDays());
            lookback.update(kept);
            ForecastRanking ranking = DailyRanking.rank(ctx.getCurrentKey(), kept, day, settings);
            if (ranking != null) {
                out.collect(ranking);
            }
            lastIssued.update(day);
        }
        LookbackEvent event = ForecastLookback.of(incident, zone);
        Long issued = lastIssued.value();
        boolean tooOld = event != null && issued != null && event.t() < issued - settings.trainingDays();
        if (ForecastLookback.replaces(incident)) {
            lookback.update(ForecastLookback.replace(lookback.get(), incident, tooOld ? null : event));
        } else if (event != null && !tooOld) {
            lookback.add(event);
        }
        if (event != null && !tooOld && !incident.cancelled()) {
            long until = ForecastLookback.expiry(event, settings.trainingDays(), zone);
            Long current = expiry.value();
            if (current == null || until > current) {
                if (current != null) {
                    ctx.timerService().deleteEventTimeTimer(current);
                }
                ctx.timerService().registerEventTimeTimer(until);
                expiry.update(until);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastRanking> out) {
        // The newest event has left the window, so every event has: nothing is left to rank from.
        lookback.clear();
        lastIssued.clear();
        expiry.clear();
    }
}
