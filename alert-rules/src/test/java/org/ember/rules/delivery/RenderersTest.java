package org.ember.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.rules.delivery.TestAlerts.CARDIFF;
import static org.ember.rules.delivery.TestAlerts.T0;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.ember.model.Alert;
import org.ember.rules.oncall.Contact;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static final AckLinks LINKS = new AckLinks("http://127.0.0.1:8080");
    private static final Map<String, String> LADS = Map.of(CARDIFF, "Cardiff");
    private static final Alert KNIVES = TestAlerts.firing("f-knives", "weapon-reports", "critical", CARDIFF, "W01001700");

    private static Notification escalation() {
        return new Notification("f-knives#1@root", "root{lad=\"W06000015\"}", "cardiff", 1, 1, Notification.ESCALATION,
                new Contact("spoke.lead", "Spoke Lead", Contact.EMAIL, "lead@cardiff.example"), List.of(KNIVES), List.of(), T0);
    }

    @Test
    void theEmailSaysWhatWhereWhenWhyAndSeverityAndLinksToAcknowledge() {
        EmailMessage mail = new EmailRenderer(LINKS, LADS::get).render(escalation());
        assertThat(mail.to()).isEqualTo("lead@cardiff.example");
        assertThat(mail.subject()).isEqualTo("[CRITICAL] ESCALATED weapon-reports · Cardiff");
        assertThat(mail.text())
                .contains("Escalated (step 2): nobody acknowledged in time")
                .contains("What:     3 weapon-related reports in Cardiff 032F in the last 24 hours")
                .contains("Where:    Cardiff 032F (W01001700), Cardiff (W06000015)")
                .contains("When:     since Sat 25 Oct 2025 19:00 BST")
                .contains("Why:      three agencies reported knives near St Mary Street — "
                        + "weapon-related reports from any agency in the last 24 hours: 3 (the rule's threshold is 2)")
                .doesNotContain("count{")
                .contains("How sure: ")
                .contains("Action:   Look at the area on the map now")
                .contains("Map:      http://127.0.0.1:8080/#alert=f-knives")
                .contains("Severity: critical")
                .contains("Acknowledge: http://127.0.0.1:8080/alerts/f-knives/ack");
    }

    @Test
    void aPartnerRecipientGetsNoSmallCountsNorTheRulesFreeText() {
        Notification n = escalation();
        RecipientPolicy partners = new RecipientPolicy(java.util.Set.of("partner.org"), 5);
        Notification toPartner = new Notification(n.key(), n.groupKey(), n.receiver(), n.step(), n.escalationStep(), n.reason(),
                new Contact("partner.org", "Partner", Contact.EMAIL, "vru@partner.example"), n.firing(), n.resolved(), n.createdAt());
        String text = new EmailRenderer(LINKS, LADS::get, partners).render(toPartner).text();
        assertThat(text).contains("fewer than 5").doesNotContain("St Mary Street").doesNotContain(": 3 ")
                .doesNotContain("3 weapon-related");
        assertThat(new EmailRenderer(LINKS, LADS::get, partners).render(n).text()).as("officers still read the count")
                .contains("3 weapon-related");
    }

    @Test
    void aResolvedAlertIsDescribedByItsOwnMetricAndSaysResolvedOnce() {
        Alert fired = new Alert("f-ma", "multi-agency-violence-cluster", Alert.FIRING, "warning", "lsoa", "W01001700",
                "Cardiff 032F", CARDIFF, T0, T0, "count{window=24h,feed=police,category=any}", 1, 1,
                "4 violence reports from police and health services in Cardiff 032F in the last 24 hours", java.util.Map.of(),
                java.util.Map.of("cap_certainty", "Likely"));
        Alert resolved = new Alert(fired.fingerprint(), fired.rule(), Alert.RESOLVED, fired.severity(), fired.layer(),
                fired.areaId(), fired.areaName(), fired.lad(), T0, T0 + 86_400_000L, fired.metric(), 0, 1,
                "Resolved after 24 h: 0 violence reports from police and health services in Cardiff 032F in the last 24 hours",
                java.util.Map.of(), java.util.Map.of());
        Notification n = new Notification("f-ma#9@root", "g", "cardiff", 1, 0, Notification.RESOLVED,
                new Contact("spoke.lead", "Spoke Lead", Contact.EMAIL, "lead@cardiff.example"), List.of(), List.of(resolved), T0);
        String text = new EmailRenderer(LINKS, LADS::get).render(n).text();
        assertThat(text).contains("What:     Resolved: reports from the police in the last 24 hours now 0 in Cardiff 032F")
                .doesNotContain("police and health services").doesNotContain("Resolved after");
        assertThat(text.indexOf("Resolved:")).isEqualTo(text.lastIndexOf("Resolved:"));
        assertThat(AlertText.howSure(fired, false, 5)).isEqualTo(
                "Likely — evidence: reports from the police; 1 against the rule's threshold of 1");
    }

    @Test
    void theMessageIdIsTheSameForEveryAttemptAtOneDeliveryAndDiffersBetweenDeliveries() {
        Notification n = escalation();
        Notification other = new Notification("f-knives#2@root", n.groupKey(), n.receiver(), 2, 2, n.reason(), n.contact(),
                n.firing(), n.resolved(), n.createdAt());
        assertThat(EmailRenderer.messageId(n)).isEqualTo(EmailRenderer.messageId(escalation())).matches("<[0-9a-f-]{36}@ember>");
        assertThat(EmailRenderer.messageId(other)).isNotEqualTo(EmailRenderer.messageId(n));
    }

    @Test
    void theWebhookBodyServesTeamsSlackAndStructuredReceiversAtOnce() {
        JsonNode body = new WebhookRenderer(LINKS, LADS::get).render(escalation());
        assertThat(body.path("text").asText()).startsWith("*[CRITICAL] ESCALATED weapon-reports · Cardiff*");
        assertThat(body.path("@type").asText()).isEqualTo("MessageCard");
        assertThat(body.path("themeColor").asText()).isEqualTo("C62828");
        assertThat(body.path("potentialAction").get(0).path("targets").get(0).path("uri").asText())
                .isEqualTo("http://127.0.0.1:8080/alerts/f-knives/ack");
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(body.path("blocks").get(1).path("accessory").path("url").asText())
                .isEqualTo("http://127.0.0.1:8080/alerts/f-knives/ack");
        JsonNode ember = body.path("ember");
        assertThat(ember.path("idempotency_key").asText()).isEqualTo("f-knives#1@root/email:lead@cardiff.example");
        assertThat(ember.path("alerts").get(0).path("labels").path("lad").asText()).isEqualTo(CARDIFF);
    }
}
