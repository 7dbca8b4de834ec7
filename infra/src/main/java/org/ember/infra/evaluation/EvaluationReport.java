package org.ember.infra.evaluation;

import java.time.LocalDate;
import java.util.List;
import org.ember.geo.evaluation.EvaluationSettings;
import org.ember.geo.evaluation.InterventionEvaluation;
import org.ember.geo.evaluation.WeeklyCounts;
import org.ember.model.interventions.Intervention;

/** Everything {@code ember evaluate} found, ready to be written as HTML and CSV. */
public record EvaluationReport(
        LocalDate from,
        LocalDate to,
        EvaluationSettings settings,
        List<Evaluated> interventions,
        List<Aggregate> byType,
        List<Aggregate> bySpoke,
        AlertFollowUp.Result followUp,
        EquityMonitor.Result equity,
        List<EvaluationInputs.Rejected> rejected) {

    /** One intervention with its evaluation, its spoke's name and the weekly counts it was measured on. */
    public record Evaluated(Intervention intervention, InterventionEvaluation evaluation, String spokeName, WeeklyCounts counts) {}
}
