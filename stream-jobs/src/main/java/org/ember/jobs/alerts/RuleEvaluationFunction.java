package org.ember.jobs.alerts;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.geo.area.AreaCatalogue;
import org.ember.jobs.JobSettings;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.rules.AlertState;
import org.ember.rules.ThresholdEvaluator;

/**
 * Keyed by area: runs the rules over each new set of counts and emits alert transitions. Only
 * firing rules keep state, so an area with nothing firing costs nothing.
 */
public final class RuleEvaluationFunction extends KeyedProcessFunction<String, AreaCounts, Alert> {
    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private transient ThresholdEvaluator evaluator;
    private transient MapState<String, AlertState> firing;

    public RuleEvaluationFunction(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        AreaCatalogue catalogue = AreaCatalogue.load(Path.of(settings.dataDir()), settings.coverage());
        evaluator = new ThresholdEvaluator(settings.rules().rules(), new CatalogueAreaNames(catalogue));
        firing = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("firing-rules", Types.STRING, TypeInformation.of(AlertState.class)));
    }

    @Override
    public void processElement(AreaCounts counts, Context ctx, Collector<Alert> out) throws Exception {
        Map<String, AlertState> states = new HashMap<>();
        for (Map.Entry<String, AlertState> entry : firing.entries()) {
            states.put(entry.getKey(), entry.getValue());
        }
        for (Alert alert : evaluator.evaluate(counts, states)) {
            if (Alert.FIRING.equals(alert.state())) {
                JobMetrics.alertsRaised(alert.rule()).increment();
            }
            out.collect(alert);
        }
        firing.clear();
        firing.putAll(states);
    }
}
