package org.ember.rules.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.ember.model.Alert;

/**
 * Writes a notification as one JSON document that chat webhooks take as it is: {@code text}
 * (Slack's and Teams' plain fallback), a Teams MessageCard ({@code @type}, {@code summary},
 * {@code themeColor}, {@code sections}, an "Acknowledge" {@code potentialAction}), Slack
 * {@code blocks} with an "Acknowledge" button, and an {@code ember} object with the structured
 * alerts for receivers that read it. Each receiver ignores the parts it does not know.
 */
public final class WebhookRenderer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AckLinks links;
    private final UnaryOperator<String> ladNames;

    public WebhookRenderer(AckLinks links, UnaryOperator<String> ladNames) {
        this.links = links;
        this.ladNames = ladNames;
    }

    public ObjectNode render(Notification n) {
        String title = AlertText.title(n, ladNames);
        ObjectNode body = JSON.objectNode();
        StringBuilder text = new StringBuilder("*").append(title).append("*\n").append(AlertText.reasonLine(n));
        for (Alert alert : n.firing()) {
            text.append("\n• ").append(line(alert));
        }
        for (Alert alert : n.resolved()) {
            text.append("\n• resolved: ").append(line(alert));
        }
        body.put("text", text.toString());

        // Microsoft Teams (Office 365 connector MessageCard).
        body.put("@type", "MessageCard");
        body.put("@context", "https://schema.org/extensions");
        body.put("summary", title);
        body.put("title", title);
        body.put("themeColor", colour(n));
        ArrayNode sections = body.putArray("sections");
        for (Alert alert : concat(n)) {
            ObjectNode section = sections.addObject();
            section.put("activityTitle", AlertText.severity(alert) + " " + alert.rule() + " (" + alert.state() + ")");
            section.put("text", AlertText.what(alert));
            ArrayNode facts = section.putArray("facts");
            fact(facts, "Where", AlertText.where(alert, ladNames));
            fact(facts, "When", AlertText.when(alert));
            fact(facts, "Why", AlertText.why(alert));
            fact(facts, "How sure", AlertText.howSure(alert, false, 0));
            fact(facts, "Action", AlertText.action(alert));
            if (links.available()) {
                fact(facts, "Map", links.mapArea(alert.fingerprint()));
            }
            fact(facts, "Severity", alert.severity());
        }
        if (links.available() && !n.firing().isEmpty()) {
            ObjectNode action = body.putArray("potentialAction").addObject();
            action.put("@type", "OpenUri");
            action.put("name", "Acknowledge");
            action.putArray("targets").addObject().put("os", "default")
                    .put("uri", links.acknowledge(n.firing().get(0).fingerprint()));
        }

        // Slack (Block Kit).
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").set("text", plain(title));
        for (Alert alert : concat(n)) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.set("text", JSON.objectNode().put("type", "mrkdwn").put("text", "*" + AlertText.severity(alert) + "* "
                    + alert.rule() + " (" + alert.state() + ")\n" + AlertText.what(alert) + "\n_Where:_ "
                    + AlertText.where(alert, ladNames) + "\n_When:_ " + AlertText.when(alert) + "\n_Why:_ "
                    + AlertText.why(alert) + "\n_How sure:_ " + AlertText.howSure(alert, false, 0) + "\n_Action:_ "
                    + AlertText.action(alert)));
            if (links.available() && Alert.FIRING.equals(alert.state())) {
                ObjectNode button = JSON.objectNode().put("type", "button").put("url", links.acknowledge(alert.fingerprint()));
                button.set("text", plain("Acknowledge"));
                section.set("accessory", button);
            }
        }

        ObjectNode ember = body.putObject("ember");
        ember.put("idempotency_key", n.deliveryKey());
        ember.put("notification", n.key());
        ember.put("group", n.groupKey());
        ember.put("receiver", n.receiver());
        ember.put("reason", n.reason());
        ember.put("escalation_step", n.escalationStep());
        ArrayNode alerts = ember.putArray("alerts");
        for (Alert alert : concat(n)) {
            ObjectNode a = alerts.addObject();
            a.put("fingerprint", alert.fingerprint());
            a.put("state", alert.state());
            a.put("severity", alert.severity());
            a.put("rule", alert.rule());
            a.put("area_id", alert.areaId());
            a.put("area_name", alert.areaName());
            a.put("lad", alert.lad());
            a.put("summary", AlertText.what(alert));
            a.put("why", AlertText.why(alert));
            a.put("how_sure", AlertText.howSure(alert, false, 0));
            a.put("suggested_action", AlertText.action(alert));
            if (links.available()) {
                a.put("map_url", links.mapArea(alert.fingerprint()));
            }
            a.put("since", java.time.Instant.ofEpochMilli(alert.episodeStart()).toString());
            ObjectNode labels = a.putObject("labels");
            new java.util.TreeMap<>(alert.labels()).forEach(labels::put);
            ObjectNode annotations = a.putObject("annotations");
            new java.util.TreeMap<>(alert.annotations()).forEach(annotations::put);
            if (links.available() && Alert.FIRING.equals(alert.state())) {
                a.put("acknowledge_url", links.acknowledge(alert.fingerprint()));
            }
        }
        return body;
    }

    private static java.util.List<Alert> concat(Notification n) {
        java.util.List<Alert> all = new java.util.ArrayList<>(n.firing());
        all.addAll(n.resolved());
        return all;
    }

    private String line(Alert alert) {
        return AlertText.severity(alert) + " " + AlertText.what(alert) + " — " + AlertText.where(alert, ladNames) + ", "
                + AlertText.when(alert);
    }

    private static void fact(ArrayNode facts, String name, String value) {
        facts.addObject().put("name", name).put("value", value);
    }

    private static ObjectNode plain(String text) {
        return JSON.objectNode().put("type", "plain_text").put("text", text);
    }

    private static String colour(Notification n) {
        if (Notification.RESOLVED.equals(n.reason())) {
            return "2E7D32";
        }
        Alert first = n.firing().isEmpty() ? n.resolved().get(0) : n.firing().get(0);
        return switch (first.severity() == null ? "" : first.severity().toLowerCase(Locale.ROOT)) {
            case "critical" -> "C62828";
            case "warning" -> "EF6C00";
            default -> "1565C0";
        };
    }
}
