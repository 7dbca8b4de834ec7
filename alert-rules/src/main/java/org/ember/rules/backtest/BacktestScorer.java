package org.ember.rules.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ember.model.Alert;
import org.ember.rules.Rule;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.KnownAreas;

/**
 * Scores a backtest: turns the alert transitions of a replay into episodes and asks of each rule
 * how often serious violence followed where it fired.
 *
 * <ul>
 *   <li><b>Hit rate</b>: the share of alerts followed by a serious incident in the same area (the
 *       LSOA, or the local authority for local-authority rules) within the horizon after firing.</li>
 *   <li><b>PAI</b> (Chainey, Tompson and Uhlig 2008), in space-time: (n/N)/(a/A), where each alert
 *       flags its area for the horizon after it fired; a = flagged LSOA-time, A = covered LSOAs × the
 *       period; N = serious incidents in the period, n = those that fell in a flagged LSOA during its
 *       flag. LSOAs hold about the same number of residents, so the area share is a share of people,
 *       not of land. Cell alerts are not scored.</li>
 * </ul>
 * A look-ahead never passes the end of the period, so alerts near the end have less chance to hit.
 */
public final class BacktestScorer {
    private final KnownAreas areas;
    private final Map<String, List<String>> lsoasOfLad = new HashMap<>();

    public BacktestScorer(KnownAreas areas) {
        this.areas = areas;
        for (String lsoa : areas.lsoas()) {
            lsoasOfLad.computeIfAbsent(areas.ladOf(lsoa), l -> new ArrayList<>()).add(lsoa);
        }
    }

    public BacktestReport score(String label, RuleSet rules, List<Alert> transitions, List<SeriousIncident> incidents, long from,
            long to, long horizon, long wallMillis, long records) {
        List<SeriousIncident> serious = incidents.stream()
                .filter(i -> i.eventTime() >= from && i.eventTime() < to)
                .sorted(Comparator.comparingLong(SeriousIncident::eventTime))
                .toList();
        Map<String, long[]> byLsoa = times(serious, true);
        Map<String, long[]> byLad = times(serious, false);
        List<Episode> episodes = episodes(transitions, from, to, horizon, byLsoa, byLad);
        Set<String> covered = Set.copyOf(areas.lsoas());
        List<SeriousIncident> scorable = serious.stream().filter(i -> i.lsoa() != null && covered.contains(i.lsoa())).toList();

        List<RuleScore> scores = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            scores.add(score(rule.name(), episodes.stream().filter(e -> e.rule().equals(rule.name())).toList(), scorable, from, to,
                    horizon));
        }
        scores.add(score(BacktestReport.ALL_RULES, episodes, scorable, from, to, horizon));
        return new BacktestReport(label, rules.contentHash(), from, to, horizon, scorable.size(), covered.size(), scores,
                episodes, wallMillis, records);
    }

    private static Map<String, long[]> times(List<SeriousIncident> serious, boolean lsoa) {
        Map<String, List<Long>> lists = new HashMap<>();
        for (SeriousIncident i : serious) {
            String key = lsoa ? i.lsoa() : i.lad();
            if (key != null) {
                lists.computeIfAbsent(key, k -> new ArrayList<>()).add(i.eventTime());
            }
        }
        Map<String, long[]> out = new HashMap<>();
        lists.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    private static List<Episode> episodes(List<Alert> transitions, long from, long to, long horizon, Map<String, long[]> byLsoa,
            Map<String, long[]> byLad) {
        List<Alert> ordered = new ArrayList<>(transitions);
        ordered.sort(Comparator.comparingLong(Alert::eventTime));
        Map<String, Alert> open = new LinkedHashMap<>();
        List<Episode> episodes = new ArrayList<>();
        for (Alert a : ordered) {
            if (Alert.FIRING.equals(a.state())) {
                if (a.eventTime() >= from && a.eventTime() < to) {
                    open.put(a.fingerprint(), a);
                }
            } else {
                Alert fired = open.remove(a.fingerprint());
                if (fired != null) {
                    episodes.add(episode(fired, a.eventTime() <= to ? a.eventTime() : -1, to, horizon, byLsoa, byLad));
                }
            }
        }
        for (Alert fired : open.values()) {
            episodes.add(episode(fired, -1, to, horizon, byLsoa, byLad));
        }
        episodes.sort(Comparator.comparingLong(Episode::firedAt).thenComparing(Episode::rule).thenComparing(Episode::areaId));
        return episodes;
    }

    private static Episode episode(Alert fired, long resolvedAt, long to, long horizon, Map<String, long[]> byLsoa,
            Map<String, long[]> byLad) {
        long[] times = switch (fired.layer()) {
            case "lsoa" -> byLsoa.get(fired.areaId());
            case "lad" -> byLad.get(fired.areaId());
            default -> null;
        };
        long followed = -1;
        if (times != null) {
            int i = firstAfter(times, fired.eventTime());
            if (i < times.length && times[i] <= Math.min(to, fired.eventTime() + horizon)) {
                followed = times[i];
            }
        }
        return new Episode(fired.rule(), fired.layer(), fired.areaId(), fired.areaName(), fired.lad(), fired.eventTime(),
                resolvedAt, followed);
    }

    /** Index of the first time strictly after {@code t}. */
    private static int firstAfter(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private RuleScore score(String rule, List<Episode> episodes, List<SeriousIncident> serious, long from, long to, long horizon) {
        int hits = (int) episodes.stream().filter(Episode::hit).count();
        double[] hours = episodes.stream().mapToDouble(e -> e.firingHours(to)).sorted().toArray();
        double median = hours.length == 0 ? Double.NaN
                : hours.length % 2 == 1 ? hours[hours.length / 2] : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2;
        Map<String, List<long[]>> flags = new HashMap<>();
        for (Episode e : episodes) {
            long end = Math.min(to, e.firedAt() + horizon);
            List<String> lsoas = switch (e.layer()) {
                case "lsoa" -> List.of(e.areaId());
                case "lad" -> lsoasOfLad.getOrDefault(e.areaId(), List.of());
                default -> List.of();
            };
            for (String lsoa : lsoas) {
                flags.computeIfAbsent(lsoa, l -> new ArrayList<>()).add(new long[] {e.firedAt(), end});
            }
        }
        Map<String, long[][]> merged = new HashMap<>();
        double flaggedTime = 0;
        for (Map.Entry<String, List<long[]>> entry : flags.entrySet()) {
            long[][] intervals = merge(entry.getValue());
            merged.put(entry.getKey(), intervals);
            for (long[] interval : intervals) {
                flaggedTime += interval[1] - interval[0];
            }
        }
        int captured = 0;
        for (SeriousIncident i : serious) {
            long[][] intervals = merged.get(i.lsoa());
            if (intervals != null && inside(intervals, i.eventTime())) {
                captured++;
            }
        }
        double totalTime = (double) areas.lsoas().size() * Math.max(1, to - from);
        double flaggedShare = flaggedTime / totalTime;
        double capturedShare = serious.isEmpty() ? Double.NaN : (double) captured / serious.size();
        double pai = flaggedShare == 0 ? Double.NaN : capturedShare / flaggedShare;
        Map<String, Integer> perArea = new TreeMap<>();
        for (Episode e : episodes) {
            perArea.merge(e.areaName() + (e.layer().equals("lsoa") ? "" : " [" + e.layer() + "]"), 1, Integer::sum);
        }
        List<String> top = perArea.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        int distinctAreas = (int) episodes.stream().map(e -> e.layer() + ":" + e.areaId()).distinct().count();
        return new RuleScore(rule, episodes.size(), distinctAreas, median, Arrays.stream(hours).sum(), hits,
                episodes.isEmpty() ? Double.NaN : (double) hits / episodes.size(), capturedShare, flaggedShare, pai, top);
    }

    private static long[][] merge(List<long[]> intervals) {
        intervals.sort(Comparator.comparingLong(i -> i[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] i : intervals) {
            if (!out.isEmpty() && i[0] <= out.get(out.size() - 1)[1]) {
                out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], i[1]);
            } else {
                out.add(new long[] {i[0], i[1]});
            }
        }
        return out.toArray(new long[0][]);
    }

    /** Whether {@code t} falls in some (start, end] of sorted, disjoint intervals. */
    private static boolean inside(long[][] intervals, long t) {
        int lo = 0;
        int hi = intervals.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t <= intervals[mid][0]) {
                hi = mid - 1;
            } else if (t > intervals[mid][1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
