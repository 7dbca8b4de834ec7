package org.ember.infra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.geo.evaluation.Deprivation;
import org.ember.geo.evaluation.EvaluationSettings;
import org.ember.geo.grid.GridCell;
import org.ember.infra.EmberPaths;
import org.ember.infra.evaluation.EvaluationInputs;
import org.ember.infra.evaluation.EvaluationReport;
import org.ember.infra.evaluation.EvaluationRun;
import org.ember.infra.evaluation.ReportWriter;
import org.ember.infra.evaluation.SpokeLookup;
import org.ember.infra.simulator.InterventionScenario;
import org.ember.model.Incident;
import org.ember.model.privacy.SmallCountSuppression;
import org.ember.rules.delivery.ControlMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ember evaluate}: did the interventions work, which alerts were followed by action and
 * change, and does attention follow harm? Reads incidents, interventions, alerts and acks from files
 * (JSON lines, as on Ember's topics), or makes a simulated year with {@code --simulate}, and writes
 * an HTML report with CSVs. See docs/evaluation.md.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates interventions (difference-in-differences against matched comparison areas, placebo intervals,",
            "displacement), alert follow-up and equity over a period, and writes report.html and CSVs."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, e.g. 2025-01-01 (UTC).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, inclusive, e.g. 2025-12-31 (UTC).")
    String to;

    @Option(names = "--incidents", paramLabel = "FILE", description = "Incidents as JSON lines (the records the job places).")
    Path incidents;

    @Option(names = "--interventions", paramLabel = "FILE", description = "feed.interventions records, one per line.")
    Path interventions;

    @Option(names = "--alerts", paramLabel = "FILE", description = "Alerts as JSON lines (ember.alerts).")
    Path alerts;

    @Option(names = "--acks", paramLabel = "FILE", description = "Acknowledgements as JSON lines (ember.acks control messages).")
    Path acks;

    @Option(names = "--simulate", description = "Make a simulated year with a planted effect and a placebo (docs/evaluation.md) and evaluate it.")
    boolean simulate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation and the placebo draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--feed", defaultValue = "police",
            description = "Feed whose incidents are counted as offences, or 'any' (default: ${DEFAULT-VALUE}).")
    String feed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: evaluation-FROM-TO).")
    Path out;

    @Option(names = {"--data", "--data-dir"}, paramLabel = "DIR",
            description = "Shared data directory with deprivation/, lookups/ and police/ (default: $EMBER_DATA_DIR or ../shared/data).")
    Path dataDir;

    @Override
    public Integer call() {
        LocalDate first = date(from, "--from");
        LocalDate last = date(to, "--to");
        if (last.isBefore(first)) {
            throw new UserError("--to " + last + " is before --from " + first);
        }
        Path data = EmberPaths.dataDir(dataDir, System.getenv());
        Path dir = out != null ? out : Path.of("evaluation-" + first + "-" + last);
        Deprivation deprivation;
        try {
            deprivation = Deprivation.load(data);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (simulate) {
            if (incidents != null || interventions != null) {
                throw new UserError("--simulate makes its own inputs: leave out --incidents and --interventions");
            }
            Path inputs = dir.resolve("inputs");
            writeScenario(data, inputs, first.getYear());
            incidents = inputs.resolve(EvaluationInputs.INCIDENTS);
            interventions = inputs.resolve(EvaluationInputs.INTERVENTIONS);
            alerts = inputs.resolve(EvaluationInputs.ALERTS);
            acks = inputs.resolve(EvaluationInputs.ACKS);
            o.println("simulated inputs written to " + inputs);
        }
        if (incidents == null || interventions == null) {
            throw new UserError("give --incidents and --interventions, or --simulate");
        }
        EvaluationInputs in;
        try {
            in = EvaluationInputs.read(incidents, interventions, alerts, acks, a -> deprivation.of(a).isPresent(), EvaluateCommand::plausibleCell);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        }
        EvaluationSettings base = EvaluationSettings.defaults();
        EvaluationSettings settings = new EvaluationSettings(base.preWeeks(), base.minPreWeeks(), base.comparisonsPerTreated(),
                base.minComparison(), base.minTreatedPreCount(), base.permutations(), seed, base.alpha());
        EvaluationReport report = EvaluationRun.run(in, first, last, deprivation, SpokeLookup.load(data), settings, feed);
        new ReportWriter(SmallCountSuppression.byDefault()).write(report, dir);
        for (EvaluationReport.Evaluated e : report.interventions()) {
            var ev = e.evaluation();
            o.printf(java.util.Locale.ROOT, "%s %s: %s%s%n", e.intervention().interventionId(), e.intervention().type(), ev.verdict().text,
                    ev.estimated() ? String.format(java.util.Locale.ROOT, ", change %.1f%% (95%% interval %.1f%% to %.1f%%), prevented %.1f (%.1f to %.1f)",
                            100 * ev.relative(), 100 * ev.relativeLow(), 100 * ev.relativeHigh(), ev.prevented(), ev.preventedLow(),
                            ev.preventedHigh()) : " (" + ev.reason() + ")");
        }
        o.println("report written to " + dir.resolve(ReportWriter.HTML));
        o.flush();
        return 0;
    }

    /** Offline there is no deployment catalogue: a cell is plausible when it is a 250 m cell inside Great Britain's grid. */
    static boolean plausibleCell(String id) {
        try {
            GridCell c = GridCell.parse(id);
            return c.sizeMetres() == InterventionScenario.CELL_METRES && c.minX() >= 0 && c.minX() < 700_000 && c.minY() >= 0
                    && c.minY() < 1_300_000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void writeScenario(Path data, Path inputs, int year) {
        try {
            java.nio.file.Files.createDirectories(inputs);
        } catch (java.io.IOException e) {
            throw new UserError("cannot create " + inputs + ": " + e.getMessage(), e);
        }
        InterventionScenario.Settings d = InterventionScenario.Settings.defaults();
        InterventionScenario.Result sim;
        try {
            sim = InterventionScenario.generate(data, new InterventionScenario.Settings(year, d.forces(), seed, d.effectCells(),
                    d.placeboCells(), d.effect(), d.weeks()));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UserError("cannot simulate " + year + ": " + e.getMessage(), e);
        }
        List<Incident> inc = sim.incidents();
        EvaluationInputs.writeLines(inputs.resolve(EvaluationInputs.INCIDENTS), inc);
        EvaluationInputs.writeLines(inputs.resolve(EvaluationInputs.INTERVENTIONS),
                sim.interventions().stream().map(InterventionScenario.Planted::intervention).toList());
        EvaluationInputs.writeLines(inputs.resolve(EvaluationInputs.ALERTS), sim.alerts());
        EvaluationInputs.writeLines(inputs.resolve(EvaluationInputs.ACKS), sim.acks().stream().map(ControlMessage::of).toList());
        EvaluationInputs.writeLines(inputs.resolve("truth.jsonl"), sim.interventions().stream()
                .map(p -> java.util.Map.of("intervention_id", p.intervention().interventionId(), "true_effect", p.trueEffect())).toList());
    }

    private static LocalDate date(String text, String option) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " must be a date like 2025-01-01, was '" + text + "'", e);
        }
    }
}
