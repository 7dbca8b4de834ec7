package org.ember.fusion;

import java.util.ArrayList;
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
    private final List<String> multiAgencyIds = new ArrayList<>();
    private java.util.function.Supplier<List<String>> multiAgencyOrder;
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
                    multiAgencyIds.add(e.id());
                }
            }
        }
    }

    /** The multi-agency incidents of the last 24 hours, in the order the state lists them. */
    List<String> multiAgencyIds() {
        return multiAgencyOrder == null ? multiAgencyIds : multiAgencyOrder.get();
    }

    /** The incidents were added in another order: the ordered list comes from {@code ordered}, when read. */
    void multiAgencyIdsFrom(java.util.function.Supplier<List<String>> ordered) {
        multiAgencyOrder = ordered;
    }

    void addAgency(String agency, long time, long asOf) {
        for (int w = 0; w < 2; w++) {
            if (time > asOf - WINDOW_MILLIS[w] && time <= asOf) {
                agencies.get(w).add(agency);
            }
        }
    }
}
