package org.ember.jobs.corrections;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.records.CountDelta;
import org.ember.model.CountVocabulary;
import org.ember.model.Incident;

/**
 * Keyed by partner record ({@link Incident#recordKey()}): keeps the latest version so a correction
 * or cancellation can take back what the previous version counted. The version is forgotten by an
 * event-time timer once the longest count window has passed, since no count it fed is left.
 */
public final class LatestVersionFunction extends KeyedProcessFunction<String, Incident, CountDelta> {
    private static final long serialVersionUID = 1L;
    /** Kept a day past the longest window, for corrections that come late. */
    static final Duration RETENTION = CountVocabulary.longestWindow().plusDays(1);

    private transient ValueState<Incident> latest;
    private transient JobMetrics.Count superseded;
    private transient JobMetrics.Count stale;
    private transient JobMetrics.EventTimeLag lagSeconds;
    private transient long newestEventTime;

    @Override
    public void open(OpenContext context) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-version", Incident.class));
        JobMetrics metrics = JobMetrics.of(getRuntimeContext());
        superseded = metrics.corrections("applied");
        stale = metrics.corrections("stale");
        lagSeconds = metrics.eventTimeLag();
        newestEventTime = Long.MIN_VALUE;
    }

    @Override
    public void processElement(Incident incident, Context ctx, Collector<CountDelta> out) throws Exception {
        newestEventTime = Math.max(newestEventTime, incident.eventTime());
        long watermark = ctx.timerService().currentWatermark();
        if (watermark > Long.MIN_VALUE) {
            lagSeconds.set(Math.max(0, (newestEventTime - watermark) / 1000));
        }
        Incident previous = latest.value();
        if (!VersionResolver.supersedes(incident, previous)) {
            stale.increment();
            return;
        }
        if (previous != null) {
            superseded.increment();
            ctx.timerService().deleteEventTimeTimer(expiry(previous));
        }
        VersionResolver.deltas(previous, incident).forEach(out::collect);
        latest.update(incident);
        ctx.timerService().registerEventTimeTimer(expiry(incident));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CountDelta> out) throws Exception {
        latest.clear();
    }

    private static long expiry(Incident incident) {
        return incident.eventTime() + RETENTION.toMillis();
    }
}
