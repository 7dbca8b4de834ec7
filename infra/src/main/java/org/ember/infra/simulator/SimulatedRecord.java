package org.ember.infra.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.ember.model.Feed;

/**
 * One record as a partner would put it on its feed topic.
 *
 * @param feed            the feed (and so the topic) it belongs to
 * @param emitTime        when the partner sends it, epoch milliseconds; the Kafka record timestamp
 * @param key             the Kafka key: the partner's own reference, so versions of a record share a partition
 * @param value           the JSON bytes (or, for a malformed record, whatever broken bytes were sent)
 * @param truthIncidentId the simulated real-world incident the record reports (a police.uk Crime ID, or
 *                        {@code H-…} for an assault never reported to the police); null if it reports none
 * @param malformed       the record was broken on purpose and ingest must reject it
 */
public record SimulatedRecord(
        Feed feed, long emitTime, String key, byte[] value, String truthIncidentId, boolean malformed) {

    public SimulatedRecord {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(key, "key");
        value = value.clone();
    }

    /** A copy of the bytes (records are immutable). */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value as text (UTF-8). */
    public String valueText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SimulatedRecord)) {
            return false;
        }
        SimulatedRecord that = (SimulatedRecord) other;
        return feed == that.feed && emitTime == that.emitTime && malformed == that.malformed
                && key.equals(that.key) && Arrays.equals(value, that.value)
                && Objects.equals(truthIncidentId, that.truthIncidentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(feed, emitTime, key, Arrays.hashCode(value), truthIncidentId, malformed);
    }

    @Override
    public String toString() {
        return "SimulatedRecord[" + feed.code() + " @" + emitTime + " key=" + key + " truth=" + truthIncidentId
                + (malformed ? " MALFORMED" : "") + " " + valueText() + "]";
    }
}
