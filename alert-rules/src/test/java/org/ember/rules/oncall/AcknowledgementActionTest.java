package org.ember.rules.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.ember.rules.delivery.ControlMessage;
import org.junit.jupiter.api.Test;

/** The optional action taken travels on ember.acks, and acks written before it existed still read. */
class AcknowledgementActionTest {

    @Test
    void oldAcksWithoutAnActionStillRead() {
        ControlMessage m = ControlMessage.fromBytes("""
                {"kind":"ack","ack":{"fingerprint":"abc","by":"duty","at":1000,"expires_at":0,"comment":"on it"}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(m.ack().action()).isNull();
        assertThat(m.ack()).isEqualTo(new Acknowledgement("abc", "duty", 1000, 0, "on it"));
    }

    @Test
    void anActionRoundTrips() {
        Acknowledgement ack = new Acknowledgement("abc", "duty", 1000, 0, null, "hotspot_patrol");
        ControlMessage back = ControlMessage.fromBytes(ControlMessage.of(ack).toBytes());
        assertThat(back.ack().action()).isEqualTo("hotspot_patrol");
        assertThat(new String(ControlMessage.of(new Acknowledgement("abc", "duty", 1, 0, null)).toBytes(), StandardCharsets.UTF_8))
                .doesNotContain("action");
    }

    @Test
    void anActionIsShortPlainText() {
        assertThatThrownBy(() -> new Acknowledgement("abc", "duty", 1, 0, null, "<script>"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Acknowledgement("abc", "duty", 1, 0, null, "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
