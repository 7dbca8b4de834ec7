package org.ember.infra.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ember.model.Feed;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.IntelReport;

/**
 * Community intelligence and tension reports: a Poisson stream over the month, each placed in the
 * LSOA of a violent incident of the previous three days (the tension an incident leaves behind).
 * The texts are invented, short and name nobody.
 */
final class IntelReports {
    static final Duration LOOK_BACK = Duration.ofHours(72);
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    static final List<String> TEXTS = List.of(
            "Residents report groups of young people gathering near the shops after dark; worry about retaliation for a recent assault.",
            "Youth worker hears talk on social media of a planned fight between two groups this weekend.",
            "Shopkeeper reports repeated arguments between groups of teenagers outside the premises in the evenings.",
            "School staff say pupils believe a rival group is carrying knives.",
            "Community members anxious after an assault nearby; rumours of a revenge attack.",
            "Reports of a group on e-bikes intimidating passers-by late at night.",
            "Housing officer reports tension between neighbours escalating since a recent incident.",
            "Concerns passed on about disputes linked to drug dealing in the area.",
            "Sports coach says young people are afraid to walk through the park after a recent incident.",
            "Outreach team reports a calmer atmosphere; groups dispersing earlier than last week.");

    /** A violent incident an intelligence report can refer to. */
    record Anchor(long time, String lsoaCode, String truthId) {}

    private final SimulationSettings settings;
    private final MonthBatch batch;

    IntelReports(SimulationSettings settings, MonthBatch batch) {
        this.settings = settings;
        this.batch = batch;
    }

    void generate(MonthHours hours, List<Anchor> incidents) {
        if (incidents.isEmpty() || settings.intelReportsPerDay() <= 0) {
            return;
        }
        List<Anchor> byTime = new ArrayList<>(incidents);
        byTime.sort(Comparator.comparingLong(Anchor::time));
        double meanGapMs = DAY_MS / settings.intelReportsPerDay();
        long t = hours.start().toEpochMilli();
        long end = hours.end().toEpochMilli();
        while (true) {
            t += Math.round(-Math.log(1.0 - batch.random().nextDouble()) * meanGapMs);
            if (t >= end) {
                return;
            }
            // Reports carry whole seconds, like the partners' case systems.
            report(Instant.ofEpochSecond(t / 1000), pick(byTime, t));
        }
    }

    private void report(Instant at, Anchor anchor) {
        String reportId = String.format(Locale.ROOT, "INTEL-%s-%04d", batch.monthTag(), batch.next(MonthBatch.Counter.INTEL_REPORT));
        String grading = settings.intelGradings().draw(batch.random());
        String tension = settings.tensionLevels().draw(batch.random());
        String text = TEXTS.get(batch.random().nextInt(TEXTS.size()));
        IntelReport record = new IntelReport(reportId, 1, "active", at, grading, tension, text, GeoLocation.lsoa(anchor.lsoaCode()));
        batch.emit(Feed.INTEL, at, reportId, record, anchor.truthId());
    }

    /** A random incident of the look-back window before t; the nearest in time when the window is empty. */
    private Anchor pick(List<Anchor> byTime, long t) {
        int after = firstAfter(byTime, t);
        int from = firstAfter(byTime, t - LOOK_BACK.toMillis() - 1);
        if (after > from) {
            return byTime.get(from + batch.random().nextInt(after - from));
        }
        if (after == 0) {
            return byTime.get(0);
        }
        if (after == byTime.size()) {
            return byTime.get(after - 1);
        }
        Anchor before = byTime.get(after - 1);
        Anchor next = byTime.get(after);
        return t - before.time() <= next.time() - t ? before : next;
    }

    /** Index of the first incident later than t (size when none). */
    private static int firstAfter(List<Anchor> byTime, long t) {
        int low = 0;
        int high = byTime.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (byTime.get(mid).time() > t) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
