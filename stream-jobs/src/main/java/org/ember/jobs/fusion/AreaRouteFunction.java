package org.ember.jobs.fusion;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.fusion.AreaDelivery;
import org.ember.fusion.AreaRoute;
import org.ember.fusion.CellOwners;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.layers.AreaShapes;
import org.ember.jobs.JobSettings;
import org.ember.model.fusion.LinkedIncident;

/**
 * Keyed by linked incident: sends each change to the local authorities' analytics that must see it
 * ({@link AreaRoute}: its own authority, as a halo to the owners of the cells near it, withdrawn from
 * those it no longer reaches) and remembers who holds it until the analytics would have forgotten
 * it anyway (the hot-spot retention after its time), then nothing. One incident's changes come from
 * its owner block in order on one channel, so they are routed as they come; each carries its
 * timestamp on, and the area function orders them by arrival.
 */
final class AreaRouteFunction extends KeyedProcessFunction<String, LinkedIncident, AreaDelivery> {
    private static final long serialVersionUID = 1L;
    private final JobSettings job;
    private transient AreaRoute route;
    private transient ValueState<RouteMemo> memo;
    private transient long retention;

    AreaRouteFunction(JobSettings job) {
        this.job = job;
    }

    @Override
    public void open(OpenContext context) {
        AreaShapes shapes = AreaShapes.of(AreaCatalogue.load(Path.of(job.dataDir()), job.coverage()));
        route = new AreaRoute(new CellOwners(shapes, job.fusion().hotspots()));
        memo = getRuntimeContext().getState(new ValueStateDescriptor<>("area-route", RouteMemo.class));
        retention = job.fusion().hotspots().retention().toMillis();
    }

    @Override
    public void processElement(LinkedIncident incident, Context ctx, Collector<AreaDelivery> out) throws Exception {
        RouteMemo last = memo.value();
        List<AreaDelivery> deliveries = route.route(incident, last == null ? List.of() : last.blockList());
        deliveries.forEach(out::collect);
        List<String> held = AreaRoute.holding(deliveries);
        if (held.isEmpty()) {
            memo.clear();
            return;
        }
        long forgetAt = org.ember.fusion.LadAnalytics.nextHour(incident.eventTime() + retention);
        memo.update(new RouteMemo(incident.revision(), String.join(RouteMemo.SEPARATOR, held),
                Math.max(forgetAt, last == null ? Long.MIN_VALUE : last.forgetAt())));
        ctx.timerService().registerEventTimeTimer(forgetAt);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AreaDelivery> out) throws Exception {
        RouteMemo last = memo.value();
        if (last != null && last.forgetAt() <= timestamp) {
            memo.clear();
        }
    }
}
