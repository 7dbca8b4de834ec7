package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether each incident of a live Gi* is inside its window and its study period as the clock
 * moves. Incidents are filed by time, so moving the clock touches only those that cross an edge;
 * each change is passed to the cells that count them ({@link Counts}).
 */
final class IncidentClock {
    /** What counts the incidents: told each time one enters (+1) or leaves (−1) the window or the study period. */
    interface Counts {
        void window(long cell, int delta);

        void study(long cell, int delta);
    }

    private static final class Ev {
        final long time;
        final long cell;
        boolean inWindow;
        boolean inStudy;

        Ev(long time, long cell) {
            this.time = time;
            this.cell = cell;
        }
    }

    private final long window;
    private final long universe;
    private final Counts counts;
    private final Map<String, Ev> events = new HashMap<>();
    private final TreeMap<Long, List<Ev>> byTime = new TreeMap<>();
    private long asOf = Long.MIN_VALUE;
    /** Bumped whenever an incident enters or leaves the window or the study period. */
    private long version;

    IncidentClock(long windowMillis, long universeMillis, Counts counts) {
        this.window = windowMillis;
        this.universe = universeMillis;
        this.counts = counts;
    }

    /** Adds (or replaces) an incident in the cell with packed key {@code cell}. */
    void put(String id, long time, long cell) {
        remove(id);
        Ev ev = new Ev(time, cell);
        events.put(id, ev);
        byTime.computeIfAbsent(time, t -> new ArrayList<>(1)).add(ev);
        if (asOf != Long.MIN_VALUE) {
            status(ev);
        }
    }

    void remove(String id) {
        Ev ev = events.remove(id);
        if (ev == null) {
            return;
        }
        List<Ev> at = byTime.get(ev.time);
        at.remove(ev);
        if (at.isEmpty()) {
            byTime.remove(ev.time);
        }
        set(ev, false, false);
    }

    int incidents() {
        return events.size();
    }

    long version() {
        return version;
    }

    /** Moves the clock to {@code to}: incidents enter and leave the window and the study period. */
    void advance(long to) {
        if (to == asOf) {
            return;
        }
        long from = asOf;
        asOf = to;
        if (from == Long.MIN_VALUE || to < from) {
            for (Ev ev : events.values()) {
                status(ev);
            }
            return;
        }
        touch(from - universe, to - universe);
        touch(from - window, to - window);
        touch(from, to);
    }

    private void touch(long from, long to) {
        if (from >= to) {
            return;
        }
        // No copy: passing a change to the counts never puts or removes an incident.
        for (List<Ev> at : byTime.subMap(from, true, to, false).values()) {
            for (Ev ev : at) {
                status(ev);
            }
        }
    }

    private void status(Ev ev) {
        boolean past = ev.time < asOf;
        set(ev, past && ev.time >= asOf - window, past && ev.time >= asOf - universe);
    }

    private void set(Ev ev, boolean inWindow, boolean inStudy) {
        if (ev.inWindow != inWindow || ev.inStudy != inStudy) {
            version++;
        }
        if (ev.inWindow != inWindow) {
            ev.inWindow = inWindow;
            counts.window(ev.cell, inWindow ? 1 : -1);
        }
        if (ev.inStudy != inStudy) {
            ev.inStudy = inStudy;
            counts.study(ev.cell, inStudy ? 1 : -1);
        }
    }
}
