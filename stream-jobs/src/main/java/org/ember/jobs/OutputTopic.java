package org.ember.jobs;

import java.io.Serializable;
import java.util.function.Function;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.AreaCountsView;
import org.ember.model.DeadLetter;
import org.ember.model.Topics;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.TensionUpdate;
import org.ember.rules.snapshot.RuleEvent;

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

    /**
     * Alert transitions are written at least once, not in transactions: a transaction becomes visible
     * only when the checkpoint commits it, which would put the checkpoint interval under every alert's
     * latency. Readers get exactly-once by idempotence instead: (fingerprint, state) identifies a
     * transition, and after a restart the replayed transitions carry the same fingerprints (see
     * docs/benchmarks-realtime.md, "Exactly once without waiting for checkpoints").
     */
    public static final OutputTopic<Alert> ALERTS = new OutputTopic<>(Topics.ALERTS, Alert::fingerprint, a -> a, false);

    /** Area counts are written at least once: the latest count of an area simply overwrites. */
    public static final OutputTopic<AreaCounts> HOTSPOTS = new OutputTopic<>(Topics.HOTSPOTS,
            c -> c.layer() + ":" + c.areaId(), AreaCountsView::of, false);

    /**
     * Hot-spot layer updates (cells, areas, clusters, scan clusters, snapshots) on the same topic as
     * the area counts, told apart by their {@code type}; at least once, the latest per key wins.
     */
    public static final OutputTopic<HotspotUpdate> HOTSPOT_UPDATES = new OutputTopic<>(Topics.HOTSPOTS,
            HotspotUpdate::key, u -> u, false);

    /** Linked incidents, every change; at least once, the highest revision of an id wins. */
    public static final OutputTopic<LinkedIncident> LINKED_INCIDENTS = new OutputTopic<>(Topics.INCIDENTS,
            LinkedIncident::incidentId, i -> i, false);

    /** Tension per area with its explanation; at least once, the latest per area wins. */
    public static final OutputTopic<TensionUpdate> TENSION = new OutputTopic<>(Topics.TENSION, TensionUpdate::key,
            t -> t, false);

    /** What the job did with each rule snapshot; at least once is enough, status reads the latest. */
    public static final OutputTopic<RuleEvent> RULE_EVENTS = new OutputTopic<>(Topics.RULE_EVENTS,
            e -> Long.toString(e.version()), e -> e, false);
}
