package org.ember.rules.delivery;

import java.util.Objects;
import org.ember.model.codec.Json;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.silence.Silence;

/**
 * One operator decision on {@code ember.acks}, the topic that carries what people tell the job
 * about alerts: an acknowledgement, or a silence (a new one, or a new version of one, e.g. expired
 * early). Written by the console and the command line, read by the job's delivery stage.
 *
 * @param kind    {@value #ACK} or {@value #SILENCE}
 * @param ack     the acknowledgement, when kind is ack
 * @param silence the silence, when kind is silence
 */
public record ControlMessage(String kind, Acknowledgement ack, Silence silence) {
    public static final String ACK = "ack";
    public static final String SILENCE = "silence";

    public ControlMessage {
        Objects.requireNonNull(kind, "kind");
        if (ACK.equals(kind) ? ack == null : !SILENCE.equals(kind) || silence == null) {
            throw new IllegalArgumentException("a control message is an ack with 'ack' or a silence with 'silence'");
        }
    }

    public static ControlMessage of(Acknowledgement ack) {
        return new ControlMessage(ACK, ack, null);
    }

    public static ControlMessage of(Silence silence) {
        return new ControlMessage(SILENCE, null, silence);
    }

    /** The Kafka key: acks by alert fingerprint, silences by id, so each one's versions stay in order. */
    public String key() {
        return ACK.equals(kind) ? "ack:" + ack.fingerprint() : "silence:" + silence.id();
    }

    public byte[] toBytes() {
        return Json.toBytes(this);
    }

    /** Decodes and checks a record; an {@link IllegalArgumentException} or {@link java.io.UncheckedIOException} if bad. */
    public static ControlMessage fromBytes(byte[] bytes) {
        return Json.fromBytes(bytes, ControlMessage.class);
    }
}
