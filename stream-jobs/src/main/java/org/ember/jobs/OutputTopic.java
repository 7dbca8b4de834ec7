package org.ember.jobs;

import java.io.Serializable;
import java.util.function.Function;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.AreaCountsView;
import org.ember.model.DeadLetter;
import org.ember.model.Topics;

/**
 * One topic the job writes: its name, the record key (same key, same partition, so one area's or
 * one alert's updates stay in order), the published JSON view of a record, and whether it must be
 * written exactly once. A stage that adds an output declares one of these; {@link JobSinks} turns
 * it into a Kafka sink or, in tests, a collecting one.
 */
public record OutputTopic<T>(String topic, SerializableFunction<T, String> key, SerializableFunction<T, Object> view,
        boolean exactlyOnce) implements Serializable {

    /** A function Flink can ship to its tasks. */
    public interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    public static final OutputTopic<DeadLetter> DEAD_LETTERS = new OutputTopic<>(Topics.DEAD_LETTER,
            d -> d.topic() + "/" + d.partition() + "/" + d.offset(), d -> d, true);

    public static final OutputTopic<Alert> ALERTS = new OutputTopic<>(Topics.ALERTS, Alert::fingerprint, a -> a, true);

    /** Area counts are written at least once: the latest count of an area simply overwrites. */
    public static final OutputTopic<AreaCounts> HOTSPOTS = new OutputTopic<>(Topics.HOTSPOTS,
            c -> c.layer() + ":" + c.areaId(), AreaCountsView::of, false);
}
