package org.ember.rules.cap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ember.model.Alert;

/**
 * The CAP messages of every alert transition seen, newest last, with Alert, Update and Cancel in
 * the order each alert's transitions happened. A transition seen twice (Kafka replays are normal)
 * gives one message. Thread-safe. Keeps the latest {@code capacity} messages.
 */
public final class CapFeed {
    private final CapAlerts alerts;
    private final int capacity;
    private final Map<String, CapMessage> byIdentifier = new LinkedHashMap<>();
    private final Map<String, List<CapMessage>> byFingerprint = new HashMap<>();

    public CapFeed(CapAlerts alerts, int capacity) {
        this.alerts = alerts;
        this.capacity = capacity;
    }

    /** Adds the message for a transition; returns it, or empty when it was already there. */
    public synchronized Optional<CapMessage> add(Alert alert) {
        String identifier = CapAlerts.identifier(alert);
        if (byIdentifier.containsKey(identifier)) {
            return Optional.empty();
        }
        List<CapMessage> history = byFingerprint.computeIfAbsent(alert.fingerprint(), f -> new ArrayList<>());
        List<CapMessage> earlier = history.stream()
                .filter(m -> m.sent().toEpochMilli() <= alert.eventTime()).toList();
        CapMessage message = alerts.message(alert, earlier);
        history.add(message);
        history.sort(Comparator.comparing(CapMessage::sent));
        byIdentifier.put(identifier, message);
        while (byIdentifier.size() > capacity) {
            String oldest = byIdentifier.keySet().iterator().next();
            CapMessage removed = byIdentifier.remove(oldest);
            String fingerprint = removed.info().parameters().get("ember_fingerprint");
            List<CapMessage> kept = byFingerprint.get(fingerprint);
            if (kept != null && kept.stream().noneMatch(m -> byIdentifier.containsKey(m.identifier()))) {
                byFingerprint.remove(fingerprint);
            }
        }
        return Optional.of(message);
    }

    public synchronized Optional<CapMessage> get(String identifier) {
        return Optional.ofNullable(byIdentifier.get(identifier));
    }

    /** Newest first. */
    public synchronized List<CapMessage> latest(int limit) {
        List<CapMessage> all = new ArrayList<>(byIdentifier.values());
        all.sort(Comparator.comparing(CapMessage::sent).thenComparing(CapMessage::identifier).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }
}
