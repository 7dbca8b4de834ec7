package org.ember.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;

/**
 * Every alert the console has seen, by fingerprint, with its transitions and what people did about
 * it — not only the latest 50 the map lists, so the ack page of an older alert from an e-mail still
 * shows what it is about, and an acknowledgement of a fingerprint nobody raised is refused. Rebuilt
 * at start from {@code ember.alerts} (read from the beginning); at most {@link #CAPACITY} alerts,
 * the longest untouched dropped first.
 */
final class AlertInbox implements LiveState.Listener {
    static final int CAPACITY = 20_000;
    static final int HISTORY = 32;

    /** Something a person did about an alert: acknowledge, resolve, comment, action. */
    record Action(long at, String by, String kind, String text) {}

    /** One alert: its latest transition, the earlier ones (newest first) and the actions taken. */
    record Entry(Alert latest, List<Alert> history, List<Action> actions) {}

    private static final class Mutable {
        Alert latest;
        final Deque<Alert> history = new ArrayDeque<>();
        final List<Action> actions = new ArrayList<>();
    }

    private final LinkedHashMap<String, Mutable> alerts = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mutable> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public void countsChanged(AreaCountsView counts) {
        // Counts are not alerts.
    }

    @Override
    public void alertAdded(Alert alert) {
        // alertReceived saw it already.
    }

    @Override
    public synchronized void alertReceived(Alert alert) {
        Mutable entry = alerts.computeIfAbsent(alert.fingerprint(), f -> new Mutable());
        if (same(alert, entry.latest) || entry.history.stream().anyMatch(h -> same(alert, h))) {
            return; // replays and at-least-once delivery repeat transitions (with another processing time)
        }
        if (entry.latest == null || alert.eventTime() >= entry.latest.eventTime()) {
            if (entry.latest != null) {
                entry.history.addFirst(entry.latest);
            }
            entry.latest = alert;
        } else {
            entry.history.addFirst(alert);
        }
        while (entry.history.size() > HISTORY) {
            entry.history.removeLast();
        }
    }

    private static boolean same(Alert a, Alert b) {
        return b != null && a.state().equals(b.state()) && a.eventTime() == b.eventTime();
    }

    synchronized Optional<Entry> find(String fingerprint) {
        Mutable entry = alerts.get(fingerprint);
        return entry == null ? Optional.empty() : Optional.of(copy(entry));
    }

    /** Records what someone did; false when the alert is unknown. */
    synchronized boolean record(String fingerprint, Action action) {
        Mutable entry = alerts.get(fingerprint);
        if (entry == null) {
            return false;
        }
        entry.actions.add(action);
        return true;
    }

    /**
     * Alerts matching a filter, newest first: {@code status} open (firing, not acknowledged),
     * acknowledged, resolved or all; {@code text} a fingerprint prefix or words of rule or area.
     */
    synchronized List<Entry> search(String status, String text, Predicate<Alert> visible, int limit) {
        String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        List<Entry> found = new ArrayList<>();
        for (Mutable m : alerts.values()) {
            Entry entry = copy(m);
            if (!visible.test(entry.latest()) || !statusMatches(entry, status)) {
                continue;
            }
            Alert a = entry.latest();
            if (!needle.isEmpty() && !a.fingerprint().startsWith(needle)
                    && !(a.rule() + " " + a.areaName() + " " + a.areaId()).toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            found.add(entry);
        }
        found.sort(Comparator.comparingLong((Entry e) -> e.latest().eventTime()).reversed());
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    static boolean acknowledged(Entry entry) {
        return entry.actions().stream().anyMatch(a -> a.kind().equals("acknowledge"));
    }

    private static boolean statusMatches(Entry entry, String status) {
        boolean resolved = Alert.RESOLVED.equals(entry.latest().state());
        return switch (status == null ? "all" : status) {
            case "open" -> !resolved && !acknowledged(entry);
            case "acknowledged" -> !resolved && acknowledged(entry);
            case "resolved" -> resolved;
            default -> true;
        };
    }

    private static Entry copy(Mutable m) {
        return new Entry(m.latest, List.copyOf(m.history), List.copyOf(m.actions));
    }
}
