package org.ember.jobs.fusion;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.risk.RiskSettings;
import org.ember.jobs.JobSettings;
import org.ember.model.fusion.LinkedIncident;
import org.ember.fusion.FusionSignal;
import org.ember.fusion.RiskReach;

/** Sends the near-repeat and retaliation risk of a serious linked incident where {@link RiskReach} says it must go. */
final class RiskFanout extends RichFlatMapFunction<LinkedIncident, FusionSignal> {
    private static final long serialVersionUID = 1L;
    private final JobSettings job;
    private transient AreaShapes shapes;

    RiskFanout(JobSettings job) {
        this.job = job;
    }

    @Override
    public void open(OpenContext context) {
        shapes = AreaShapes.of(AreaCatalogue.load(Path.of(job.dataDir()), job.coverage()));
    }

    @Override
    public void flatMap(LinkedIncident incident, Collector<FusionSignal> out) {
        signals(incident, job.fusion().risk(), shapes).forEach(out::collect);
    }

    /** The signals one linked-incident change produces ({@link RiskReach}). */
    static List<FusionSignal> signals(LinkedIncident incident, RiskSettings risk, AreaShapes shapes) {
        return RiskReach.signals(incident, risk, shapes);
    }
}
