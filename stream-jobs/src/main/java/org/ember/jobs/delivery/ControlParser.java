package org.ember.jobs.delivery;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.rules.delivery.ControlMessage;

/**
 * Reads {@code ember.acks}. A record that does not decode (or is an invalid silence) is logged and
 * counted, never fatal: one bad record must not stop every notification.
 */
final class ControlParser implements FlatMapFunction<RawFeedRecord, ControlMessage> {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ControlParser.class.getName());

    @Override
    public void flatMap(RawFeedRecord record, Collector<ControlMessage> out) {
        try {
            out.collect(ControlMessage.fromBytes(record.value()));
        } catch (RuntimeException e) {
            DeliveryMetrics.outcome("control_rejected").increment();
            LOG.log(System.Logger.Level.WARNING, "skipping bad record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getMessage());
        }
    }
}
