package org.ember.rules.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ember.model.Alert;

/** The readable facts of one alert that every channel shows: what, where, when, why, severity. */
final class AlertText {
    private static final DateTimeFormatter LONDON =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.UK).withZone(ZoneId.of("Europe/London"));

    private AlertText() {}

    static String severity(Alert alert) {
        return alert.severity() == null ? "UNKNOWN" : alert.severity().toUpperCase(Locale.ROOT);
    }

    /**
     * What happened. A firing alert says it in the rule's words; a resolved one in the metric's own,
     * so a resolved police-only count never reads like the firing text ("reports from police and
     * health services"), and the "Resolved after …" the evaluator puts in front is not repeated.
     */
    static String what(Alert alert) {
        if (Alert.RESOLVED.equals(alert.state()) && alert.metric() != null) {
            return "Resolved: " + MetricWords.describe(alert.metric()) + " now " + number(alert.value())
                    + " in " + place(alert) + " (the rule fired at " + number(alert.threshold()) + ")";
        }
        return stripResolved(alert.summary() == null || alert.summary().isBlank() ? alert.rule() : alert.summary());
    }

    /** For recipients who may not see small counts or free text (partners): rule, place and a suppressed value. */
    static String whatRestricted(Alert alert, int threshold) {
        String amount = alert.value() < threshold ? "fewer than " + threshold : number(alert.value());
        String resolved = Alert.RESOLVED.equals(alert.state()) ? "Resolved: " : "";
        return resolved + alert.rule() + " in " + place(alert) + ": " + amount + " "
                + (alert.metric() == null ? "" : MetricWords.describe(alert.metric()));
    }

    /** Removes the evaluator's "Resolved after 3 h: " and any "Resolved: " so channels add their own once. */
    static String stripResolved(String text) {
        String stripped = text;
        boolean changed = true;
        while (changed) {
            changed = false;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(Resolved( after [^:]{1,40})?|Cancel|Update):\\s*")
                    .matcher(stripped);
            if (m.find()) {
                stripped = stripped.substring(m.end());
                changed = true;
            }
        }
        return stripped;
    }

    private static String place(Alert alert) {
        return alert.areaName() == null ? alert.areaId() : alert.areaName();
    }

    /**
     * How sure: the rule's CAP certainty and the evidence — which agencies the metric draws on and
     * the value against the rule's threshold.
     */
    static String howSure(Alert alert, boolean restricted, int threshold) {
        String certainty = alert.annotations().getOrDefault("cap_certainty", "not stated by the rule");
        if (alert.metric() == null) {
            return certainty;
        }
        String value = restricted && alert.value() < threshold ? "fewer than " + threshold : number(alert.value());
        return certainty + " — evidence: reports from " + MetricWords.sources(alert.metric()) + "; " + value
                + " against the rule's threshold of " + number(alert.threshold());
    }

    /** What to do: the rule's own suggestion ({@code action} annotation), else its runbook, else a default by severity. */
    static String action(Alert alert) {
        Map<String, String> notes = alert.annotations();
        for (String key : java.util.List.of("action", "suggested_action")) {
            String text = notes.get(key);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        if (Alert.RESOLVED.equals(alert.state())) {
            return "None needed; close any tasking raised for it.";
        }
        String runbook = notes.get("runbook");
        if (runbook != null && !runbook.isBlank()) {
            return "Follow the runbook: " + runbook;
        }
        return switch (alert.severity() == null ? "" : alert.severity().toLowerCase(Locale.ROOT)) {
            case "critical", "high" -> "Look at the area on the map now and agree with the spoke lead whether to task"
                    + " a patrol or outreach tonight.";
            default -> "Look at the area on the map and raise it at the next tasking meeting.";
        };
    }

    static String where(Alert alert, UnaryOperator<String> ladNames) {
        String area = alert.areaName() == null ? alert.areaId() : alert.areaName() + " (" + alert.areaId() + ")";
        if (alert.lad() != null && !alert.lad().equals(alert.areaId())) {
            area += ", " + ladNames.apply(alert.lad()) + " (" + alert.lad() + ")";
        }
        return area;
    }

    static String when(Alert alert) {
        String since = LONDON.format(Instant.ofEpochMilli(alert.episodeStart()));
        return Alert.FIRING.equals(alert.state()) ? "since " + since
                : "from " + since + " until " + LONDON.format(Instant.ofEpochMilli(alert.eventTime()));
    }

    /** Why, in plain English: the rule's explanation and what was measured, never metric syntax. */
    static String why(Alert alert) {
        return why(alert, false, 0);
    }

    static String why(Alert alert, boolean restricted, int threshold) {
        Map<String, String> notes = alert.annotations();
        String why = restricted ? null : notes.getOrDefault("why", notes.get("description"));
        String value = restricted && alert.value() < threshold ? "fewer than " + threshold : number(alert.value());
        String measure = alert.metric() == null ? "" : MetricWords.describe(alert.metric()) + ": " + value
                + " (the rule's threshold is " + number(alert.threshold()) + ")";
        if (why == null || why.isBlank()) {
            return measure;
        }
        return measure.isEmpty() ? why : why + " — " + measure;
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String title(Notification n, UnaryOperator<String> ladNames) {
        Alert first = n.firing().isEmpty() ? n.resolved().get(0) : n.firing().get(0);
        int count = n.firing().size() + n.resolved().size();
        String place = first.lad() != null ? ladNames.apply(first.lad()) : first.areaName();
        String what = count == 1 ? first.rule() : count + " alerts";
        String prefix = switch (n.reason()) {
            case Notification.ESCALATION -> "ESCALATED ";
            case Notification.REPEAT -> "REMINDER ";
            case Notification.RESOLVED -> "RESOLVED ";
            case Notification.RESUMED -> "UNACKNOWLEDGED ";
            default -> "";
        };
        return "[" + severity(first) + "] " + prefix + what + " · " + place;
    }

    static String reasonLine(Notification n) {
        return switch (n.reason()) {
            case Notification.FIRING -> "New alert";
            case Notification.UPDATE -> "New alerts in a group you were already told about";
            case Notification.ESCALATION -> "Escalated (step " + (n.escalationStep() + 1)
                    + "): nobody acknowledged in time";
            case Notification.REPEAT -> "Reminder: still firing and unacknowledged";
            case Notification.RESUMED -> "Still firing: the acknowledgement or silence has lapsed";
            case Notification.RESOLVED -> "Resolved";
            default -> n.reason();
        };
    }
}
