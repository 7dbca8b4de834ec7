package org.ember.rules.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ember.model.Alert;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.silence.Silence;
import org.ember.rules.silence.Silences;

/** Named alerts, times and a small routing set-up for delivery tests. */
final class TestAlerts {
    static final String CARDIFF = "W06000015";
    static final String SWANSEA = "W06000011";
    /** Wall-clock time of the tests: a Saturday evening, BST. */
    static final long T0 = Instant.parse("2025-10-25T19:00:00Z").toEpochMilli();
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;

    static final String ROUTES = """
            route:
              receiver: cardiff
              group_by: [lad]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 1h
              routes:
                - matchers: ['lad="W06000011"']
                  receiver: swansea
            receivers:
              - {name: cardiff, escalation: cardiff, send_resolved: true}
              - {name: swansea, escalation: swansea}
            """;

    static final String ONCALL = """
            hub: hub
            people:
              - {id: night.officer, name: Night Officer, email: night@cardiff.example}
              - {id: day.officer, name: Day Officer, email: day@cardiff.example}
              - {id: spoke.lead, name: Spoke Lead, email: lead@cardiff.example}
              - {id: hub.officer, name: Hub Officer, email: hub@hub.example}
            teams:
              - {id: hub, name: Hub, schedule: hub-duty}
            schedules:
              - id: cardiff-duty
                layers:
                  - {start: "2025-01-06T08:00", shift: 12h, members: [day.officer, night.officer]}
              - id: hub-duty
                layers:
                  - {start: "2025-01-06T08:00", shift: 7d, members: [hub.officer]}
              - id: nobody
                layers:
                  - {start: "2025-01-06T08:00", shift: 1d, members: [hub.officer], active: [{months: [january]}]}
            escalation_policies:
              - id: cardiff
                ack_timeout: 1h
                steps:
                  - {targets: ["schedule:cardiff-duty"], delay: 10m}
                  - {targets: ["person:spoke.lead"], delay: 10m}
                  - {targets: [hub]}
              - id: swansea
                steps:
                  - {targets: ["schedule:nobody"]}
            """;

    private TestAlerts() {}

    static AlertRouting routing() {
        try {
            return AlertRouting.parse("routes.yaml", ROUTES, "oncall.yaml", ONCALL);
        } catch (org.ember.rules.routing.ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Alert firing(String fingerprint, String rule, String severity, String lad, String area) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule);
        labels.put("severity", severity);
        labels.put("layer", "lsoa");
        labels.put("area", area);
        labels.put("lad", lad);
        long episode = Instant.parse("2025-10-25T18:00:00Z").toEpochMilli();
        return new Alert(fingerprint, rule, Alert.FIRING, severity, "lsoa", area, "Cardiff 032F", lad, episode, episode,
                "count{window=24h,feed=any,category=weapon}", 3, 2, "3 weapon-related reports in Cardiff 032F in the last 24 hours",
                labels, Map.of("summary", "3 weapon-related reports in Cardiff 032F in the last 24 hours",
                        "why", "three agencies reported knives near St Mary Street"));
    }

    static Alert resolved(Alert alert, long at) {
        return new Alert(alert.fingerprint(), alert.rule(), Alert.RESOLVED, alert.severity(), alert.layer(), alert.areaId(),
                alert.areaName(), alert.lad(), alert.episodeStart(), at, alert.metric(), 1, alert.threshold(),
                "Resolved: " + alert.summary(), alert.labels(), alert.annotations());
    }

    /** Acknowledgements and silences held in maps. */
    static final class MapControls implements Controls {
        final Map<String, Acknowledgement> acks = new HashMap<>();
        final Silences silences = new Silences();

        MapControls ack(String fingerprint, long at, long expiresAt) {
            acks.put(fingerprint, new Acknowledgement(fingerprint, "night.officer", at, expiresAt, null));
            return this;
        }

        MapControls silence(Silence silence) {
            silences.put(silence);
            return this;
        }

        @Override
        public Optional<Acknowledgement> ack(String fingerprint) {
            return Optional.ofNullable(acks.get(fingerprint));
        }

        @Override
        public Optional<Silence> silencing(Map<String, String> labels, long now) {
            return silences.silencing(labels, now);
        }
    }
}
