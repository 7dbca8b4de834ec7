package org.ember.fusion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Counts of one area's linked incidents over the windows the metrics use (24 h and 7 days). */
final class AreaTally {
    static final String[] WINDOWS = {"24h", "7d"};
    static final long[] WINDOW_MILLIS = {86_400_000L, 7 * 86_400_000L};

    final long[] all = new long[2];
    final long[] multiAgency = new long[2];
    final long[] healthOnly = new long[2];
    final long[] healthRecorded = new long[2];
    final long[] serious = new long[2];
    final List<TreeSet<String>> agencies = List.of(new TreeSet<>(), new TreeSet<>());
    /** The multi-agency incidents of the last 24 hours, by event time then id. */
    private final TreeSet<Evidence> multiAgencyIds = new TreeSet<>();
    long clusterMembers;
    final TreeSet<Integer> clusters = new TreeSet<>();

    void add(FusedEvent e, long asOf) {
        for (int w = 0; w < 2; w++) {
            if (e.time() > asOf - WINDOW_MILLIS[w] && e.time() <= asOf) {
                all[w]++;
                multiAgency[w] += e.multiAgency() ? 1 : 0;
                healthOnly[w] += e.healthOnly() ? 1 : 0;
                healthRecorded[w] += e.healthRecorded() ? 1 : 0;
                serious[w] += e.serious() ? 1 : 0;
                agencies.get(w).addAll(e.feeds());
                if (w == 0 && e.multiAgency()) {
                    multiAgencyIds.add(new Evidence(e.time(), e.id()));
                }
            }
        }
    }

    /**
     * The multi-agency incidents of the last 24 hours by event time, then id: a defined order, the
     * same whether they were counted from the state (whose iteration order depends on the state
     * backend) or kept running ({@link RunningTallies}).
     */
    List<String> multiAgencyIds() {
        List<String> ids = new ArrayList<>(multiAgencyIds.size());
        multiAgencyIds.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** Adds multi-agency incidents of the last 24 hours counted elsewhere. */
    void addMultiAgencyIds(Collection<Evidence> evidence) {
        multiAgencyIds.addAll(evidence);
    }

    /** An incident as evidence: ordered by event time, then id. */
    record Evidence(long time, String id) implements Comparable<Evidence> {
        @Override
        public int compareTo(Evidence o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    /** A tally with these incident counts by window (24 h, 7 d) and nothing else yet. */
    static AreaTally withCounts(long[] all, long[] multiAgency, long[] healthOnly, long[] healthRecorded, long[] serious) {
        AreaTally t = new AreaTally();
        System.arraycopy(all, 0, t.all, 0, 2);
        System.arraycopy(multiAgency, 0, t.multiAgency, 0, 2);
        System.arraycopy(healthOnly, 0, t.healthOnly, 0, 2);
        System.arraycopy(healthRecorded, 0, t.healthRecorded, 0, 2);
        System.arraycopy(serious, 0, t.serious, 0, 2);
        return t;
    }

    /** A copy to add to (a running tally is shared between evaluations). */
    AreaTally copy() {
        AreaTally t = withCounts(all, multiAgency, healthOnly, healthRecorded, serious);
        for (int w = 0; w < 2; w++) {
            t.agencies.get(w).addAll(agencies.get(w));
        }
        t.multiAgencyIds.addAll(multiAgencyIds);
        t.clusterMembers = clusterMembers;
        t.clusters.addAll(clusters);
        return t;
    }

    void addAgency(String agency, long time, long asOf) {
        for (int w = 0; w < 2; w++) {
            if (time > asOf - WINDOW_MILLIS[w] && time <= asOf) {
                agencies.get(w).add(agency);
            }
        }
    }
}
