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
                        + "count{window=24h,feed=any,category=weapon} = 3 (threshold 2)")
                .contains("Severity: critical")
                .contains("Acknowledge: http://127.0.0.1:8080/alerts/f-knives/ack");
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
