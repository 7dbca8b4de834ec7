package org.ember.jobs.fusion;

import org.apache.flink.api.common.functions.MapFunction;
import org.ember.fusion.FusionSignal;
import org.ember.fusion.SoftSignal;
import org.ember.geo.risk.RiskSettings;
import org.ember.model.Incident;

/** The Flink shell of {@link SoftSignal}: intelligence and navigator reports as risk signals. */
final class SoftSignals implements MapFunction<Incident, FusionSignal> {
    private static final long serialVersionUID = 1L;
    private final RiskSettings risk;

    SoftSignals(RiskSettings risk) {
        this.risk = risk;
    }

    static boolean handles(Incident incident) {
        return SoftSignal.handles(incident);
    }

    @Override
    public FusionSignal map(Incident incident) {
        return SoftSignal.of(incident, risk);
    }
}
