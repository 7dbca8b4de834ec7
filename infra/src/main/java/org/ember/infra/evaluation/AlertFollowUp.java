package org.ember.infra.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.seasonal.SeasonalBaseline;
import org.ember.model.Alert;
import org.ember.model.Incident;
import org.ember.rules.oncall.Acknowledgement;

/**
 * What followed each alert: how long until someone acknowledged it, what action they recorded, and
 * the offences in the alert's area in the next 7 and 28 days against what the area's seasonal
 * baseline (fitted on the days before the alert) expected. Summarised per rule, so a meeting can
 * see which rules are followed by action and by change.
 */
public final class AlertFollowUp {
    /** Days of history before an alert the baseline is fitted on. */
    static final int HISTORY_DAYS = 182;

    /**
     * @param minutesToAck  NaN when never acknowledged
     * @param action        recorded action, or null
     * @param observed7     offences in the area in the 7 days after the alert (−1 when the data end earlier)
     * @param expected7     the baseline's expectation (NaN without 8 weeks of history)
     */
    public record Outcome(Alert alert, double minutesToAck, String action, long observed7, double expected7, long observed28,
            double expected28) {}

    /** Per rule: how many alerts, acknowledged, with an action, median minutes to ack, observed/expected sums. */
    public record RuleSummary(String rule, int alerts, int acknowledged, int withAction, double medianMinutesToAck, long observed7,
            double expected7, long observed28, double expected28) {}

    public record Result(List<Outcome> outcomes, List<RuleSummary> rules) {}

    private AlertFollowUp() {}

    /**
     * @param dataStart first instant the incident data covers: the baseline never reads days before it as zeros
     * @param dataEnd   last instant it covers: a window reaching past it has no observed count
     */
    public static Result compute(List<Alert> alerts, List<Acknowledgement> acks, List<Incident> incidents, Instant from, Instant to,
            Instant dataStart, Instant dataEnd) {
        Map<String, Acknowledgement> firstAck = new HashMap<>();
        for (Acknowledgement a : acks) {
            firstAck.merge(a.fingerprint(), a, (x, y) -> x.at() <= y.at() ? x : y);
        }
        Map<String, Alert> firing = new LinkedHashMap<>();
        for (Alert a : alerts) {
            if (Alert.FIRING.equals(a.state()) && a.eventTime() >= from.toEpochMilli() && a.eventTime() < to.toEpochMilli()) {
                firing.merge(a.fingerprint(), a, (x, y) -> x.eventTime() <= y.eventTime() ? x : y);
            }
        }
        Map<String, Map<Long, Integer>> daily = dailyCounts(incidents);
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, double[]> baselines = new HashMap<>();
        for (Alert a : firing.values()) {
            Acknowledgement ack = firstAck.get(a.fingerprint());
            double minutes = ack == null ? Double.NaN : (ack.at() - a.eventTime()) / 60_000.0;
            Map<Long, Integer> area = daily.getOrDefault(a.layer() + "|" + a.areaId(), Map.of());
            // The follow-up starts the day after the alert (local days, as the baseline's buckets).
            long day = localDay(a.eventTime()) + 1;
            long lastDay = localDay(dataEnd.toEpochMilli() - 1);
            long o7 = day + 7 <= lastDay + 1 ? sum(area, day, day + 7) : -1;
            long o28 = day + 28 <= lastDay + 1 ? sum(area, day, day + 28) : -1;
            // One baseline per area and week of alerts: alerts in the same area a few days apart share it.
            long monday = day - 1 - Math.floorMod(day - 1 + 3, 7);
            double[] perDay = baselines.computeIfAbsent(a.layer() + "|" + a.areaId() + "|" + monday,
                    k -> expectedDaily(area, a.areaId(), Math.max(monday - HISTORY_DAYS, localDay(dataStart.toEpochMilli())), monday,
                            7 + 28));
            double[] expected = window(perDay, (int) (day - monday));
            outcomes.add(new Outcome(a, minutes, ack == null ? null : ack.action(), o7, expected[0], o28, expected[1]));
        }
        outcomes.sort(Comparator.comparingLong(o -> o.alert().eventTime()));
        Map<String, List<Outcome>> byRule = new TreeMap<>();
        for (Outcome o : outcomes) {
            byRule.computeIfAbsent(o.alert().rule(), r -> new ArrayList<>()).add(o);
        }
        List<RuleSummary> rules = new ArrayList<>();
        byRule.forEach((rule, list) -> {
            List<Double> minutes = list.stream().map(Outcome::minutesToAck).filter(Double::isFinite).sorted().toList();
            double median = minutes.isEmpty() ? Double.NaN
                    : minutes.size() % 2 == 1 ? minutes.get(minutes.size() / 2)
                    : (minutes.get(minutes.size() / 2 - 1) + minutes.get(minutes.size() / 2)) / 2;
            long o7 = 0;
            long o28 = 0;
            double e7 = 0;
            double e28 = 0;
            for (Outcome o : list) {
                if (o.observed7() >= 0 && Double.isFinite(o.expected7())) {
                    o7 += o.observed7();
                    e7 += o.expected7();
                }
                if (o.observed28() >= 0 && Double.isFinite(o.expected28())) {
                    o28 += o.observed28();
                    e28 += o.expected28();
                }
            }
            int withAction = (int) list.stream().filter(o -> o.action() != null && !"none".equals(o.action())).count();
            rules.add(new RuleSummary(rule, list.size(), minutes.size(), withAction, median, o7, e7, o28, e28));
        });
        return new Result(outcomes, rules);
    }

    /** Expected offences per day from {@code first} for {@code days} days, from a daily baseline fitted on the history before it. */
    private static double[] expectedDaily(Map<Long, Integer> area, String areaId, long historyStart, long first, int days) {
        SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Bucket.DAY, null, areaId, 0.01, Integer.MAX_VALUE);
        for (long d = historyStart; d < first; d++) {
            baseline.update(start(d), area.getOrDefault(d, 0));
        }
        double[] out = new double[days];
        if (baseline.historyBuckets() == 0 || !baseline.ready()) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        for (int i = 0; i < days; i++) {
            out[i] = baseline.predict(start(first + i), 0).expected();
        }
        return out;
    }

    /** Sums of the 7 and 28 days from {@code offset}. */
    private static double[] window(double[] perDay, int offset) {
        double e7 = 0;
        double e28 = 0;
        for (int i = 0; i < 28; i++) {
            e28 += perDay[offset + i];
            if (i < 7) {
                e7 += perDay[offset + i];
            }
        }
        return new double[] {e7, e28};
    }

    private static Instant start(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(LondonHours.LONDON).toInstant();
    }

    private static long localDay(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), LondonHours.LONDON).toEpochDay();
    }

    private static long sum(Map<Long, Integer> area, long from, long to) {
        long s = 0;
        for (long d = from; d < to; d++) {
            s += area.getOrDefault(d, 0);
        }
        return s;
    }

    private static Map<String, Map<Long, Integer>> dailyCounts(List<Incident> incidents) {
        Map<String, Map<Long, Integer>> out = new HashMap<>();
        for (Incident i : incidents) {
            long d = localDay(i.eventTime());
            if (i.cell() != null) {
                out.computeIfAbsent("cell|" + i.cell(), k -> new HashMap<>()).merge(d, 1, Integer::sum);
            }
            if (i.lsoa() != null) {
                out.computeIfAbsent("lsoa|" + i.lsoa(), k -> new HashMap<>()).merge(d, 1, Integer::sum);
            }
            if (i.lad() != null) {
                out.computeIfAbsent("lad|" + i.lad(), k -> new HashMap<>()).merge(d, 1, Integer::sum);
            }
        }
        return out;
    }
}
