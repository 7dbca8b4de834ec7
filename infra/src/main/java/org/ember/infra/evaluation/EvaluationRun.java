package org.ember.infra.evaluation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ember.geo.evaluation.Deprivation;
import org.ember.geo.evaluation.EvaluationSettings;
import org.ember.geo.evaluation.InterventionEvaluation;
import org.ember.geo.evaluation.InterventionEvaluator;
import org.ember.geo.evaluation.Treatment;
import org.ember.geo.evaluation.WeeklyCounts;
import org.ember.geo.grid.GridCell;
import org.ember.model.Incident;
import org.ember.model.interventions.Intervention;

/**
 * Puts an evaluation together from its inputs: weekly counts per cell and per LSOA (incidents only;
 * interventions are never counted), the spoke and deprivation of every unit, the ring around it,
 * one {@link InterventionEvaluation} per intervention starting in the period, the sums per type and
 * spoke, the alert follow-up and the equity monitor.
 */
public final class EvaluationRun {
    /** LSOAs whose incident centre lies within this distance of a treated LSOA's form its ring. */
    static final double LSOA_RING_METRES = 1000;

    private EvaluationRun() {}

    public static EvaluationReport run(EvaluationInputs in, LocalDate from, LocalDate to, Deprivation deprivation, SpokeLookup spokes,
            EvaluationSettings settings, String feed) {
        Instant fromI = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant toI = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate origin = from.minusWeeks(settings.preWeeks()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int weeks = (int) (ChronoUnit.DAYS.between(origin, to.plusDays(1)) + 6) / 7;
        Instant originI = origin.atStartOfDay(ZoneOffset.UTC).toInstant();
        WeeklyCounts cells = new WeeklyCounts(originI, weeks);
        WeeklyCounts lsoas = new WeeklyCounts(originI, weeks);
        Map<String, Map<String, Integer>> cellLsoaVotes = new HashMap<>();
        Map<String, double[]> lsoaCentre = new HashMap<>();
        Instant dataEnd = Instant.EPOCH;
        Instant dataStart = Instant.MAX;
        List<Incident> counted = new ArrayList<>();
        for (Incident i : in.incidents()) {
            if (!"any".equals(feed) && !feed.equals(i.feed())) {
                continue;
            }
            counted.add(i);
            Instant t = Instant.ofEpochMilli(i.eventTime());
            dataEnd = t.isAfter(dataEnd) ? t : dataEnd;
            dataStart = t.isBefore(dataStart) ? t : dataStart;
            if (i.cell() != null) {
                cells.add(i.cell(), t);
                if (i.lsoa() != null) {
                    cellLsoaVotes.computeIfAbsent(i.cell(), c -> new HashMap<>()).merge(i.lsoa(), 1, Integer::sum);
                }
            }
            if (i.lsoa() != null) {
                lsoas.add(i.lsoa(), t);
                double[] c = lsoaCentre.computeIfAbsent(i.lsoa(), k -> new double[3]);
                c[0] += i.easting();
                c[1] += i.northing();
                c[2]++;
            }
        }
        if (counted.isEmpty()) {
            dataStart = fromI;
            dataEnd = fromI;
        }
        Map<String, String> lsoaOfCell = new HashMap<>();
        cellLsoaVotes.forEach((cell, votes) -> lsoaOfCell.put(cell,
                EvaluationRun.modal(votes)));
        InterventionEvaluator cellEvaluator = new InterventionEvaluator(cells,
                u -> deprivation.of(lsoaOfCell.get(u)).map(Deprivation.Score::rankFraction).orElse(Double.NaN),
                u -> ringOfCell(u), settings);
        InterventionEvaluator lsoaEvaluator = new InterventionEvaluator(lsoas,
                u -> deprivation.of(u).map(Deprivation.Score::rankFraction).orElse(Double.NaN),
                u -> ringOfLsoa(u, lsoaCentre), settings);
        Set<String> everTreated = new HashSet<>();
        for (Intervention iv : in.interventions()) {
            everTreated.addAll(iv.units());
        }
        List<EvaluationReport.Evaluated> evaluated = new ArrayList<>();
        for (Intervention iv : in.interventions()) {
            if (iv.start().isBefore(fromI) || !iv.start().isBefore(toI)) {
                continue;
            }
            boolean cell = Intervention.LAYER_CELL.equals(iv.layer());
            Map<String, Integer> spokeVotes = new HashMap<>();
            for (String u : iv.units()) {
                String lad = spokes.lad(cell ? lsoaOfCell.get(u) : u);
                if (lad != null) {
                    spokeVotes.merge(lad, 1, Integer::sum);
                }
            }
            String spoke = spokeVotes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            Treatment t = new Treatment(iv.interventionId(), iv.type(), spoke, new HashSet<>(iv.units()), iv.start(), iv.end(),
                    iv.dosage() == null ? 0 : iv.dosage().amount());
            Set<String> exclude = new HashSet<>(everTreated);
            exclude.removeAll(iv.units());
            InterventionEvaluation e = (cell ? cellEvaluator : lsoaEvaluator).evaluate(t, exclude);
            evaluated.add(new EvaluationReport.Evaluated(iv, e, spokes.name(spoke), cell ? cells : lsoas));
        }
        List<InterventionEvaluation> all = evaluated.stream().map(EvaluationReport.Evaluated::evaluation).toList();
        AlertFollowUp.Result followUp = AlertFollowUp.compute(in.alerts(), in.acks(), counted, fromI, toI, dataStart, dataEnd);
        EquityMonitor.Result equity = EquityMonitor.compute(counted, in.alerts(), in.interventions(), deprivation, fromI, toI, 20);
        return new EvaluationReport(from, to, settings, evaluated, Aggregate.by(all, e -> e.treatment().type()),
                Aggregate.by(all, e -> e.treatment().spoke() == null ? "unknown" : spokes.name(e.treatment().spoke())), followUp, equity,
                in.rejected());
    }

    /** The most frequent key, the smallest key among ties (deterministic). */
    static String modal(Map<String, Integer> votes) {
        String best = null;
        int most = -1;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > most || e.getValue() == most && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    private static Set<String> ringOfCell(String id) {
        Set<String> ring = new HashSet<>();
        for (GridCell c : GridCell.parse(id).neighbours()) {
            ring.add(c.id());
        }
        return ring;
    }

    private static Set<String> ringOfLsoa(String lsoa, Map<String, double[]> centres) {
        double[] c = centres.get(lsoa);
        Set<String> ring = new HashSet<>();
        if (c == null) {
            return ring;
        }
        double x = c[0] / c[2];
        double y = c[1] / c[2];
        centres.forEach((other, o) -> {
            if (!other.equals(lsoa) && Math.hypot(o[0] / o[2] - x, o[1] / o[2] - y) <= LSOA_RING_METRES) {
                ring.add(other);
            }
        });
        return ring;
    }
}
