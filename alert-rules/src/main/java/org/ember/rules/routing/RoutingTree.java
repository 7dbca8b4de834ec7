package org.ember.rules.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.ember.model.Alert;

/**
 * The routing tree of {@code routes.yaml}: which receivers an alert goes to, how it is grouped,
 * when it may be sent, and which alerts mute others. Pure and immutable; loaded by
 * {@link RoutesLoader}.
 */
public final class RoutingTree {
    private final Route root;
    private final Map<String, Receiver> receivers;
    private final List<InhibitRule> inhibitRules;
    private final Map<String, List<TimeInterval>> timeIntervals;

    public RoutingTree(Route root, List<Receiver> receivers, List<InhibitRule> inhibitRules,
            Map<String, List<TimeInterval>> timeIntervals) {
        this.root = root;
        Map<String, Receiver> byName = new LinkedHashMap<>();
        receivers.forEach(r -> byName.put(r.name(), r));
        this.receivers = Map.copyOf(byName);
        this.inhibitRules = List.copyOf(inhibitRules);
        this.timeIntervals = Map.copyOf(timeIntervals);
    }

    public Route root() {
        return root;
    }

    public Receiver receiver(String name) {
        Receiver receiver = receivers.get(name);
        if (receiver == null) {
            throw new IllegalArgumentException("no receiver '" + name + "'");
        }
        return receiver;
    }

    public List<Receiver> receivers() {
        return List.copyOf(receivers.values());
    }

    public List<InhibitRule> inhibitRules() {
        return inhibitRules;
    }

    /**
     * The routes an alert with these labels ends in, Alertmanager's way: depth first, the deepest
     * matching routes win, and siblings after a match are tried only when it says {@code continue}.
     * Never empty: the root catches everything.
     */
    public List<Route> match(Map<String, String> labels) {
        List<Route> matched = match(root, labels);
        return matched.isEmpty() ? List.of(root) : matched;
    }

    private static List<Route> match(Route route, Map<String, String> labels) {
        if (!Matcher.all(route.matchers(), labels)) {
            return List.of();
        }
        List<Route> found = new ArrayList<>();
        for (Route child : route.routes()) {
            List<Route> below = match(child, labels);
            found.addAll(below);
            if (!below.isEmpty() && !child.continueMatching()) {
                break;
            }
        }
        return found.isEmpty() ? List.of(route) : found;
    }

    /** Whether the route may send at this instant: inside its active windows (if any) and outside its mute windows. */
    public boolean sendsAt(Route route, Instant at) {
        if (!route.activeTimeIntervals().isEmpty()) {
            boolean active = false;
            for (String name : route.activeTimeIntervals()) {
                active |= TimeInterval.any(timeIntervals.getOrDefault(name, List.of()), at);
            }
            if (!active) {
                return false;
            }
        }
        for (String name : route.muteTimeIntervals()) {
            if (TimeInterval.any(timeIntervals.getOrDefault(name, List.of()), at)) {
                return false;
            }
        }
        return true;
    }

    /** Every route, depth first, for {@code ember routes show} and for lookups by id. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(Route route, List<Route> all) {
        all.add(route);
        route.routes().forEach(child -> collect(child, all));
    }

    public Route route(String id) {
        for (Route route : routes()) {
            if (route.id().equals(id)) {
                return route;
            }
        }
        throw new IllegalArgumentException("no route '" + id + "'");
    }

    /**
     * When an alert's inhibition began, in event time: the earliest time at which one of the alerts
     * firing now that mute it started firing. Empty when none mutes it. The {@link
     * org.ember.rules.delivery.Dispatcher} compares it with the muted alert's own firing time, so
     * that whether an alert was told before it was muted does not depend on how fast the job ran.
     */
    public OptionalLong inhibitedSince(Alert candidate, Collection<Alert> firing) {
        long since = Long.MAX_VALUE;
        for (Alert other : firing) {
            if (other.eventTime() < since && mutes(candidate.labels(), other.labels())) {
                since = other.eventTime();
            }
        }
        return since == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(since);
    }

    private boolean mutes(Map<String, String> candidate, Map<String, String> other) {
        for (InhibitRule rule : inhibitRules) {
            if (rule.mutes(candidate, other)) {
                return true;
            }
        }
        return false;
    }

    /** The tree as indented text, one route a line, for {@code ember routes show}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        describe(root, 0, text);
        if (!inhibitRules.isEmpty()) {
            text.append("inhibit:\n");
            for (InhibitRule rule : inhibitRules) {
                text.append("  ").append(rule.source()).append(" mutes ").append(rule.target())
                        .append(" when equal ").append(rule.equal()).append('\n');
            }
        }
        return text.toString();
    }

    private void describe(Route route, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(route.id()).append(' ');
        text.append(route.matchers().isEmpty() ? "{}" : route.matchers().toString());
        text.append(" → ").append(route.receiver());
        Receiver receiver = receivers.get(route.receiver());
        if (receiver != null && receiver.escalation() != null) {
            text.append(" (escalation ").append(receiver.escalation()).append(')');
        }
        text.append("  group_by ").append(route.groupBy())
                .append(" wait ").append(DurationText.format(route.groupWait()))
                .append(" interval ").append(DurationText.format(route.groupInterval()))
                .append(" repeat ").append(DurationText.format(route.repeatInterval()));
        if (route.continueMatching()) {
            text.append(" continue");
        }
        if (!route.activeTimeIntervals().isEmpty()) {
            text.append(" active ").append(route.activeTimeIntervals());
        }
        if (!route.muteTimeIntervals().isEmpty()) {
            text.append(" mute ").append(route.muteTimeIntervals());
        }
        text.append('\n');
        for (Route child : route.routes()) {
            describe(child, depth + 1, text);
        }
    }
}
