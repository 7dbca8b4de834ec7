package org.ember.jobs.order;

import java.util.Comparator;
import org.ember.jobs.records.CountDelta;
import org.ember.model.Incident;
import org.ember.model.metrics.AreaMetrics;

/**
 * The tie-breaks of inputs of one key that arrived at the same millisecond, per input type. Sorts
 * are stable: inputs that compare equal keep the order they came in, which is deterministic only when
 * they came on one channel (from one upstream task, in its own canonical order). Each comparator
 * therefore separates whatever can come on different channels.
 */
public final class Canonical {
    private Canonical() {}

    /** Partner records: feed, record id, version, then everything else. */
    public static final Comparator<Incident> INCIDENTS = Comparator.comparing(Incident::feed)
            .thenComparing(Incident::sourceId)
            .thenComparingInt(Incident::version)
            .thenComparing(Incident::cancelled)
            .thenComparingLong(Incident::eventTime)
            .thenComparing(Object::toString);

    /**
     * Count changes of one area: by partner record, then in the order that record's changes were
     * made (one record's changes come from one task, in order; the sort is stable), so a
     * correction's −1 and +1 are never split by another record's and never swapped.
     */
    public static final Comparator<CountDelta> COUNT_DELTAS = Comparator.comparing(CountDelta::record);

    /**
     * Risk signals of one local authority (from intelligence and navigator records and from every
     * linkage task): by signal id; one signal's changes come from one task, in order.
     */
    public static final Comparator<org.ember.fusion.FusionSignal> FUSION_SIGNALS =
            Comparator.comparing(s -> s.signal().id());

    /**
     * Metric updates of one area: by source ("counts" before "fusion"), then by the order their
     * source emitted them (a source's updates of one area come from one task, in one order; the
     * sort is stable).
     */
    public static final Comparator<AreaMetrics> AREA_METRICS = Comparator.comparing(AreaMetrics::source);
}
