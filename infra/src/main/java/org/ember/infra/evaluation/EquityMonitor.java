package org.ember.infra.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.geo.evaluation.Deprivation;
import org.ember.model.Alert;
import org.ember.model.Incident;
import org.ember.model.interventions.Intervention;

/**
 * Does attention follow harm or habit? Incidents, alerts, interventions and patrol dosage per
 * deprivation decile (IMD/WIMD 2019 of the LSOA; a cell takes the LSOA most of its incidents lie in)
 * and per area, over the evaluated period. A decile that gets a larger share of alerts or patrols
 * than of incidents is getting attention beyond its harm, and the reverse.
 */
public final class EquityMonitor {

    /** One decile (0 = deprivation unknown) or one area. */
    public record Row(String key, long incidents, long alerts, long interventions, double patrolMinutes) {}

    public record Result(List<Row> deciles, List<Row> areas) {}

    private EquityMonitor() {}

    public static Result compute(List<Incident> incidents, List<Alert> alerts, List<Intervention> interventions, Deprivation deprivation,
            Instant from, Instant to, int topAreas) {
        Map<String, Map<String, Integer>> lsoaVotes = new HashMap<>();
        Map<String, long[]> byArea = new TreeMap<>();
        for (Incident i : incidents) {
            if (i.lsoa() != null && i.cell() != null) {
                lsoaVotes.computeIfAbsent(i.cell(), c -> new HashMap<>()).merge(i.lsoa(), 1, Integer::sum);
            }
        }
        Map<String, String> lsoaOfCell = new HashMap<>();
        lsoaVotes.forEach((cell, votes) -> lsoaOfCell.put(cell,
                EvaluationRun.modal(votes)));
        Map<String, Double> minutes = new HashMap<>();
        for (Incident i : incidents) {
            if (in(i.eventTime(), from, to) && i.lsoa() != null) {
                byArea.computeIfAbsent(i.lsoa(), k -> new long[3])[0]++;
            }
        }
        for (Alert a : alerts) {
            if (!Alert.FIRING.equals(a.state()) || !in(a.eventTime(), from, to)) {
                continue;
            }
            String lsoa = "lsoa".equals(a.layer()) ? a.areaId() : "cell".equals(a.layer()) ? lsoaOfCell.get(a.areaId()) : null;
            if (lsoa != null) {
                byArea.computeIfAbsent(lsoa, k -> new long[3])[1]++;
            }
        }
        for (Intervention iv : interventions) {
            if (!iv.start().isBefore(to) || !iv.end().isAfter(from)) {
                continue;
            }
            List<String> lsoas = new ArrayList<>();
            for (String u : iv.units()) {
                String lsoa = Intervention.LAYER_LSOA.equals(iv.layer()) ? u : lsoaOfCell.get(u);
                if (lsoa != null && !lsoas.contains(lsoa)) {
                    lsoas.add(lsoa);
                }
            }
            for (String lsoa : lsoas) {
                byArea.computeIfAbsent(lsoa, k -> new long[3])[2]++;
                if (iv.dosage() != null && "patrol_minutes".equals(iv.dosage().unit())) {
                    minutes.merge(lsoa, iv.dosage().amount() / lsoas.size(), Double::sum);
                }
            }
        }
        Map<Integer, double[]> deciles = new TreeMap<>();
        for (int d = 0; d <= 10; d++) {
            deciles.put(d, new double[4]);
        }
        List<Row> areas = new ArrayList<>();
        byArea.forEach((lsoa, c) -> {
            int decile = deprivation.of(lsoa).map(Deprivation.Score::decile).orElse(0);
            double[] row = deciles.get(decile);
            row[0] += c[0];
            row[1] += c[1];
            row[2] += c[2];
            row[3] += minutes.getOrDefault(lsoa, 0.0);
            areas.add(new Row(lsoa, c[0], c[1], c[2], minutes.getOrDefault(lsoa, 0.0)));
        });
        List<Row> decileRows = new ArrayList<>();
        deciles.forEach((d, r) -> {
            if (d > 0 || r[0] + r[1] + r[2] > 0) {
                decileRows.add(new Row(d == 0 ? "unknown" : Integer.toString(d), (long) r[0], (long) r[1], (long) r[2], r[3]));
            }
        });
        areas.sort(Comparator.comparingLong(Row::incidents).reversed().thenComparing(Row::key));
        return new Result(decileRows, List.copyOf(areas.subList(0, Math.min(topAreas, areas.size()))));
    }

    private static boolean in(long t, Instant from, Instant to) {
        return t >= from.toEpochMilli() && t < to.toEpochMilli();
    }
}
