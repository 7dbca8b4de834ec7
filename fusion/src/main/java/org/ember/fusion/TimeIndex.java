package org.ember.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ids of one book of incidents (the authority's own, or the halo) ordered by event time, so
 * that the hourly tick finds what left the retention or crossed a window edge without walking the
 * whole state (28 days of incidents, almost none of which moved). Task memory: rebuilt from state
 * when missing, so every change to the book must be told to it while it exists.
 */
final class TimeIndex {
    private record Entry(long time, String id) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private final TreeSet<Entry> entries = new TreeSet<>();

    static TimeIndex of(LadState.Book<FusedEvent> book) {
        TimeIndex index = new TimeIndex();
        for (Map.Entry<String, FusedEvent> e : book.entries()) {
            index.add(e.getValue());
        }
        return index;
    }

    /** {@code previous} left the book (null: none), {@code next} entered it (null: none). */
    void replace(FusedEvent previous, FusedEvent next) {
        if (previous != null) {
            entries.remove(new Entry(previous.time(), previous.id()));
        }
        if (next != null) {
            add(next);
        }
    }

    private void add(FusedEvent e) {
        entries.add(new Entry(e.time(), e.id()));
    }

    /** Ids of incidents before {@code time}. */
    List<String> before(long time) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries.headSet(new Entry(time, ""), false)) {
            out.add(e.id());
        }
        return out;
    }

    /** Ids of incidents in {@code (from, to]}, added to {@code out}. */
    void between(long from, long to, List<String> out) {
        if (from >= to) {
            return;
        }
        // (from, to] = [from + 1, to + 1) in whole milliseconds.
        for (Entry e : entries.subSet(new Entry(from + 1, ""), true, new Entry(to + 1, ""), false)) {
            out.add(e.id());
        }
    }
}
