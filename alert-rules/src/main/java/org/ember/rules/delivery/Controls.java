package org.ember.rules.delivery;

import java.util.Map;
import java.util.Optional;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.silence.Silence;

/** What operators have said so far: acknowledgements by fingerprint and the silences. */
public interface Controls {
    Optional<Acknowledgement> ack(String fingerprint);

    /** The silence muting these labels at {@code now}, if any. */
    Optional<Silence> silencing(Map<String, String> labels, long now);

    /** No acks, no silences. */
    Controls NONE = new Controls() {
        @Override
        public Optional<Acknowledgement> ack(String fingerprint) {
            return Optional.empty();
        }

        @Override
        public Optional<Silence> silencing(Map<String, String> labels, long now) {
            return Optional.empty();
        }
    };
}
