package org.ember.jobs.fusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.fusion.Linkage;
import org.ember.fusion.LinkageBlocks;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.jobs.JobSettings;
import org.ember.jobs.order.ArrivalOrder;
import org.ember.jobs.order.ArrivalWatermarks;
import org.ember.jobs.order.Canonical;
import org.ember.jobs.order.KeyedArrivalBuffer;
import org.ember.model.Incident;

/**
 * Keyed by partner record: sends each version of a linkable report to every linkage block that may
 * need it ({@link Linkage#reroute}), and a withdrawal to the blocks its previous version went to
 * and this one no longer reaches (a correction that moved it). Remembers the last version's blocks
 * until the linker would forget the report, then nothing. Versions are taken in canonical order on
 * the arrival clock ({@link KeyedArrivalBuffer}), so which version counts as the last one does not
 * depend on how the channels interleave.
 */
final class LinkageRoute extends KeyedProcessFunction<String, Incident, BlockReport>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private final JobSettings job;
    private transient Linkage linkage;
    private transient ValueState<RouteMemo> memo;
    private transient KeyedArrivalBuffer<Incident> arrivals;

    LinkageRoute(JobSettings job) {
        this.job = job;
    }

    /** Before {@code open}: the arrival buffer, with what waited at the checkpoint for this subtask's keys. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        arrivals = KeyedArrivalBuffer.of(context, getRuntimeContext(), "linkage-route-arrivals", TypeInformation.of(Incident.class),
                Canonical.INCIDENTS);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        arrivals.snapshot();
    }

    /** (Key, arrival time) slots whose inputs wait in task memory: none once the stage has drained. */
    int waitingArrivals() {
        return arrivals.waitingSlots();
    }

    @Override
    public void open(OpenContext context) {
        linkage = new Linkage(new IncidentLinker(job.fusion().linkage()), blocks(job));
        memo = getRuntimeContext().getState(new ValueStateDescriptor<>("linkage-route", RouteMemo.class));
    }

    @Override
    public void processElement(Incident incident, Context ctx, Collector<BlockReport> out) throws Exception {
        Long stamped = ctx.timestamp();
        long arrival = stamped == null ? ArrivalWatermarks.arrivalOf(incident) : stamped;
        if (!arrivals.offer(ctx.getCurrentKey(), incident, arrival, ctx.timerService())) {
            apply(incident, ArrivalOrder.lateClock(arrival, ctx.timerService().currentWatermark()), ctx, out);
        }
    }

    private void apply(Incident incident, long now, Context ctx, Collector<BlockReport> out) throws Exception {
        RouteMemo last = memo.value();
        boolean newer = last == null || incident.version() > last.version();
        List<String> sent = new ArrayList<>();
        for (Linkage.Routed r : linkage.reroute(incident, last == null ? List.of() : last.blockList(), newer)) {
            out.collect(new BlockReport(r.block(), r.incident()));
            if (r.incident() == incident) {
                sent.add(r.block());
            }
        }
        if (newer) {
            long forgetAt = Math.max(linkage.forgetAt(incident), last == null ? Long.MIN_VALUE : last.forgetAt());
            memo.update(new RouteMemo(incident.version(), String.join(RouteMemo.SEPARATOR, sent), forgetAt));
            ctx.timerService().registerEventTimeTimer(Math.max(forgetAt, now + 1));
        }
    }

    /** At {@code timestamp}: first forget a record whose time is up, then route what arrived then. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BlockReport> out) throws Exception {
        RouteMemo last = memo.value();
        if (last != null && last.forgetAt() <= timestamp) {
            memo.clear();
        }
        for (Incident incident : arrivals.release(ctx.getCurrentKey(), timestamp)) {
            apply(incident, timestamp, ctx, out);
        }
    }

    static LinkageBlocks blocks(JobSettings job) {
        AreaCatalogue catalogue = AreaCatalogue.load(Path.of(job.dataDir()), job.coverage());
        return new LinkageBlocks(catalogue, job.fusion().linkage(), LinkageBlocks.DEFAULT_BLOCK_METRES);
    }
}
