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

    static String what(Alert alert) {
        return alert.summary() == null || alert.summary().isBlank() ? alert.rule() : alert.summary();
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

    static String why(Alert alert) {
        Map<String, String> notes = alert.annotations();
        String why = notes.getOrDefault("why", notes.get("description"));
        String measure = alert.metric() == null ? "" : alert.metric() + " = " + number(alert.value()) + " (threshold "
                + number(alert.threshold()) + ")";
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
