package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ember.geo.risk.RiskSignal;

/**
 * Which live signals reach which of the areas a tick asks for ({@link RiskLayer#signalsOf}), without
 * a hash look-up per signal and reached area. Each area key a signal reaches gets a number when first
 * seen, so a reach is an {@code int[]} matched against one flag per asked area; and a signal's reach
 * is taken from the previous call when the signal is the same object at about the same place in the
 * list (the state lists its signals in the same order from hour to hour, and a reach depends only on
 * the signal), so most signals need no look-up by id at all. Each area's signals stay in the order of
 * the list: risk is summed in that order. Task memory only: a fresh one gives the same answers.
 */
final class SignalReach {
    /** How far past the expected place a signal of the previous call is looked for (those between left). */
    private static final int LOOK_AHEAD = 3;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private RiskSignal[] lastSignals = new RiskSignal[0];
    private int[][] lastReach = new int[0][];

    /** The numbers of {@code areaKeys}, numbering those not seen before. */
    int[] ids(Set<String> areaKeys) {
        int[] out = new int[areaKeys.size()];
        int n = 0;
        for (String key : areaKeys) {
            Integer id = ids.get(key);
            if (id == null) {
                id = keys.size();
                ids.put(key, id);
                keys.add(key);
            }
            out[n++] = id;
        }
        return out;
    }

    /**
     * Live signals by the area keys (among {@code areaKeys}) they reach, each list in the order of
     * {@code signals}; every signal reaches {@code ladKey}. {@code reach} gives a signal's {@link #ids}
     * (including {@code ladKey}'s) when it is not the previous call's.
     */
    Map<String, List<RiskSignal>> signalsOf(Set<String> areaKeys, List<RiskSignal> signals, String ladKey,
            Function<RiskSignal, int[]> reach) {
        Map<String, List<RiskSignal>> out = new HashMap<>();
        if (signals.isEmpty()) {
            return out;
        }
        if (areaKeys.contains(ladKey)) {
            out.put(ladKey, new ArrayList<>(signals));
        }
        // Reaches first (numbering any new areas), then the asked areas' flags sized to the numbers.
        int n = signals.size();
        RiskSignal[] nowSignals = signals.toArray(new RiskSignal[0]);
        int[][] nowReach = new int[n][];
        int cursor = 0;
        for (int i = 0; i < n; i++) {
            RiskSignal s = nowSignals[i];
            int[] r = null;
            for (int k = cursor, end = Math.min(cursor + LOOK_AHEAD, lastSignals.length); k < end; k++) {
                if (lastSignals[k] == s) {
                    r = lastReach[k];
                    cursor = k + 1;
                    break;
                }
            }
            nowReach[i] = r != null ? r : reach.apply(s);
        }
        lastSignals = nowSignals;
        lastReach = nowReach;

        boolean[] asked = new boolean[keys.size()];
        boolean any = false;
        for (String key : areaKeys) {
            Integer id = ids.get(key);
            if (id != null && !key.equals(ladKey)) {
                asked[id] = true;
                any = true;
            }
        }
        if (!any) {
            return out; // no signal reaches any asked neighbourhood
        }
        List<RiskSignal>[] byArea = newLists(asked.length);
        for (int i = 0; i < n; i++) {
            for (int id : nowReach[i]) {
                if (asked[id]) {
                    if (byArea[id] == null) {
                        byArea[id] = new ArrayList<>();
                    }
                    byArea[id].add(nowSignals[i]);
                }
            }
        }
        for (int id = 0; id < byArea.length; id++) {
            if (byArea[id] != null) {
                out.put(keys.get(id), byArea[id]);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<RiskSignal>[] newLists(int n) {
        return (List<RiskSignal>[]) new List<?>[n];
    }
}
