package org.ember.rules.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ember.rules.oncall.Contact;
import org.ember.rules.oncall.EscalationPolicy;
import org.ember.rules.routing.Receiver;
import org.ember.rules.routing.Route;

/**
 * Where an alert with given labels would go at a given time, and who each escalation step would
 * tell if nobody acknowledged: what {@code ember routes test} checks and prints. Rotas are
 * resolved at each step's own time, so a plan that crosses a hand-over (or a clock change) names
 * the right people.
 *
 * @param labels  the alert's labels
 * @param at      when it would be notified
 * @param matches one entry per matched route
 */
public record RoutePlan(Map<String, String> labels, Instant at, List<Match> matches) {

    /** One route the alert ends in. */
    public record Match(Route route, Receiver receiver, boolean sending, List<PlannedStep> steps) {}

    /** One escalation step: how long after the first notification, when, and who. */
    public record PlannedStep(int index, Duration after, Instant at, List<Contact> contacts) {
        public List<String> who() {
            return contacts.stream().map(Contact::who).distinct().toList();
        }
    }

    public static RoutePlan of(AlertRouting routing, Map<String, String> labels, Instant at) {
        List<Match> matches = new ArrayList<>();
        for (Route route : routing.tree().match(labels)) {
            Receiver receiver = routing.tree().receiver(route.receiver());
            List<PlannedStep> steps = new ArrayList<>();
            if (receiver.delivers()) {
                EscalationPolicy policy = routing.directory().policy(receiver.escalation()).orElseThrow();
                List<Instant> times = policy.timeline(at);
                for (int i = 0; i < times.size(); i++) {
                    steps.add(new PlannedStep(i, Duration.between(at, times.get(i)), times.get(i),
                            routing.directory().resolve(policy.step(i).targets(), times.get(i))));
                }
            }
            matches.add(new Match(route, receiver, routing.tree().sendsAt(route, at), steps));
        }
        return new RoutePlan(Map.copyOf(labels), at, matches);
    }

    /** Receivers that would be told now (matched, delivering, and not muted at this time). */
    public List<String> receivers() {
        return matches.stream().filter(m -> m.sending() && m.receiver().delivers()).map(m -> m.receiver().name())
                .distinct().toList();
    }

    /** Receivers matched but silent at this time (mute window, outside active window, or a null receiver). */
    public List<String> muted() {
        return matches.stream().filter(m -> !m.sending() || !m.receiver().delivers()).map(m -> m.receiver().name())
                .distinct().toList();
    }
}
