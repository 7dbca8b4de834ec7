package org.ember.rules.cap;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ember.model.Alert;

/**
 * Turns an alert transition into a CAP message: the first firing of an alert is an Alert, a later
 * firing transition of the same alert (same fingerprint) an Update, its resolution a Cancel; both
 * reference every earlier message about it. Officer-only alerts (all, unless labelled
 * {@code audience=public}) are scope Restricted. The CAP fields a rule sets come in the
 * {@code cap_category}, {@code cap_urgency} and {@code cap_certainty} annotations; drills are
 * labelled {@code cap_status=Exercise}.
 */
public final class CapAlerts {
    public static final String RESTRICTION =
            "Violence Reduction Unit duty officers and partners named in the data-sharing agreement only";
    private static final Set<String> STATUSES = Set.of("Actual", "Exercise", "System", "Test", "Draft");
    private static final Set<String> CATEGORIES = Set.of("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health",
            "Env", "Transport", "Infra", "CBRNE", "Other");
    private static final Set<String> URGENCIES = Set.of("Immediate", "Expected", "Future", "Past", "Unknown");
    private static final Set<String> CERTAINTIES = Set.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");

    private final String sender;
    private final CapAreas areas;
    private final java.util.function.UnaryOperator<String> web;

    /**
     * @param sender the deployment's sender id, e.g. {@code ember@south-wales-vru}
     * @param areas  polygons of areas
     * @param web    identifier → URL of the message on the console (or null)
     */
    public CapAlerts(String sender, CapAreas areas, java.util.function.UnaryOperator<String> web) {
        if (!sender.matches("[^\\s,&<]+")) {
            throw new IllegalArgumentException("a CAP sender must have no spaces, commas, '<' or '&': " + sender);
        }
        this.sender = sender;
        this.areas = areas;
        this.web = web;
    }

    /** The identifier of a transition's message: the same whenever the transition is replayed. */
    public static String identifier(Alert alert) {
        return "ember-" + alert.fingerprint() + "-" + alert.eventTime();
    }

    /**
     * The message for one transition.
     *
     * @param earlier messages already published about the same alert, oldest first
     */
    public CapMessage message(Alert alert, List<CapMessage> earlier) {
        String msgType = Alert.RESOLVED.equals(alert.state()) ? CapMessage.CANCEL
                : earlier.isEmpty() ? CapMessage.ALERT : CapMessage.UPDATE;
        boolean open = "public".equalsIgnoreCase(alert.labels().get("audience"));
        String status = alert.labels().getOrDefault("cap_status", "Actual");
        String identifier = identifier(alert);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("ember_fingerprint", alert.fingerprint());
        parameters.put("ember_rule", alert.rule());
        if (alert.metric() != null) {
            parameters.put("ember_metric", alert.metric());
        }
        parameters.put("ember_value", number(alert.value()));
        parameters.put("ember_threshold", number(alert.threshold()));
        parameters.put("ember_episode_start", CapWriter.time(Instant.ofEpochMilli(alert.episodeStart())));
        Map<String, String> geocodes = new LinkedHashMap<>();
        geocodes.put("ONS", alert.areaId());
        if (alert.lad() != null && !alert.lad().equals(alert.areaId())) {
            geocodes.put("ONS_LAD", alert.lad());
        }
        String areaName = alert.areaName() == null ? alert.areaId() : alert.areaName() + " (" + alert.areaId() + ")";
        String description = org.ember.rules.delivery.AlertTexts.what(alert);
        String why = alert.annotations().getOrDefault("why", alert.annotations().get("description"));
        if (why != null && !why.equals(description)) {
            description += "\n" + why;
        }
        CapMessage.Info info = new CapMessage.Info(
                allowed(alert.annotations().get("cap_category"), CATEGORIES, "Safety"),
                alert.rule(),
                Alert.RESOLVED.equals(alert.state()) ? "Past" : allowed(alert.annotations().get("cap_urgency"), URGENCIES,
                        "Expected"),
                severity(alert.severity()),
                allowed(alert.annotations().get("cap_certainty"), CERTAINTIES, "Likely"),
                headline(alert),
                description,
                web == null ? null : web.apply(identifier),
                parameters,
                new CapMessage.Area(areaName, areas.polygons(alert.layer(), alert.areaId()), geocodes));
        return new CapMessage(identifier, sender, Instant.ofEpochSecond(alert.eventTime() / 1000),
                STATUSES.contains(status) ? status : "Actual", msgType,
                open ? CapMessage.PUBLIC : CapMessage.RESTRICTED, open ? null : RESTRICTION,
                earlier.stream().map(CapMessage::reference).toList(), info);
    }

    /**
     * The headline: the rule's summary without any "Resolved…:" the evaluator put in front (the
     * message type already says Cancel, and feeds print "Cancel: " + headline), and for a resolved
     * alert one "Resolved: " in front of the rule and place, never the firing text.
     */
    private static String headline(Alert alert) {
        String text = Alert.RESOLVED.equals(alert.state())
                ? "Resolved: " + alert.rule() + " in " + (alert.areaName() == null ? alert.areaId() : alert.areaName())
                : org.ember.rules.delivery.AlertTexts.stripResolved(alert.summary() == null
                        ? alert.rule() + " in " + alert.areaName() : alert.summary());
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    /** Ember's severities in CAP's words. */
    static String severity(String severity) {
        return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
            case "critical" -> "Severe";
            case "warning" -> "Moderate";
            case "info" -> "Minor";
            default -> "Unknown";
        };
    }

    private static String allowed(String value, Set<String> allowed, String fallback) {
        return value != null && allowed.contains(value) ? value : fallback;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
