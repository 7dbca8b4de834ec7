package org.ember.jobs.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ember.model.Alert;
import org.ember.rules.delivery.AckLinks;
import org.ember.rules.delivery.Backoff;

/** A small routing set-up with short delays, named alerts and times for the delivery stage's tests. */
final class DeliveryFixtures {
    static final String CARDIFF = "W06000015";
    static final long T0 = Instant.parse("2025-10-25T19:00:00Z").toEpochMilli();
    static final long SECOND = 1_000;

    static final String ROUTES = """
            route:
              receiver: cardiff
              group_by: [lad]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 1h
            receivers:
              - {name: cardiff, escalation: cardiff}
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [area]
            """;

    static final String ONCALL = """
            people:
              - {id: duty.officer, name: Duty Officer, email: duty@cardiff.example}
              - {id: spoke.lead, name: Spoke Lead, email: lead@cardiff.example}
            schedules:
              - id: cardiff-duty
                layers:
                  - {start: "2025-01-06T08:00", shift: 1d, members: [duty.officer]}
            escalation_policies:
              - id: cardiff
                steps:
                  - {targets: ["schedule:cardiff-duty"], delay: 5s}
                  - {targets: ["person:spoke.lead"]}
            """;

    private DeliveryFixtures() {}

    static DeliverySettings outbox(Path outbox) {
        return new DeliverySettings("routes.yaml", ROUTES, "oncall.yaml", ONCALL, DeliverySettings.MODE_OUTBOX, null,
                outbox.toString(), null, new AckLinks("http://127.0.0.1:8080/"), fastBackoff());
    }

    static DeliverySettings live(SmtpSettings smtp, Path ledger) {
        return new DeliverySettings("routes.yaml", ROUTES, "oncall.yaml", ONCALL, DeliverySettings.MODE_LIVE, smtp, null,
                ledger == null ? null : ledger.toString(), new AckLinks("http://127.0.0.1:8080/"), fastBackoff());
    }

    static Backoff fastBackoff() {
        return new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(4), Duration.ofMinutes(1));
    }

    static Alert firing(String fingerprint, String rule, String severity, String area) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule);
        labels.put("severity", severity);
        labels.put("layer", "lsoa");
        labels.put("area", area);
        labels.put("lad", CARDIFF);
        return new Alert(fingerprint, rule, Alert.FIRING, severity, "lsoa", area, "Cardiff 032F", CARDIFF, T0, T0,
                "count{window=24h,feed=any,category=weapon}", 3, 2, "3 weapon reports in Cardiff 032F", labels,
                Map.of("summary", "3 weapon reports in Cardiff 032F"));
    }

    static Alert resolved(Alert alert) {
        return new Alert(alert.fingerprint(), alert.rule(), Alert.RESOLVED, alert.severity(), alert.layer(), alert.areaId(),
                alert.areaName(), alert.lad(), alert.episodeStart(), alert.eventTime() + 3_600_000, alert.metric(), 0,
                alert.threshold(), "Resolved", alert.labels(), alert.annotations());
    }
}
