package org.ember.jobs.records;

/**
 * One report added to (+1) or taken back from (−1) one area's counts. Corrections and
 * cancellations travel as a −1 for what the old version fed followed by a +1 for the new one.
 *
 * @param layer     "lsoa" or "lad"
 * @param areaId    area code
 * @param eventTime when the reported event happened, epoch milliseconds
 * @param feed      feed code
 * @param category  normalised category
 * @param weapon    counts towards the weapon category too
 * @param delta     +1 or −1
 * @param appendedAt Kafka append time of the record version that caused this delta (0: unknown)
 * @param record    the partner record it belongs to ({@code Incident#recordKey}; "" when unknown): the
 *                  canonical order keeps one record's deltas in the order they were made
 */
public record CountDelta(
        String layer, String areaId, long eventTime, String feed, String category, boolean weapon, int delta,
        long appendedAt, String record) {

    /** A delta of no named partner record. */
    public CountDelta(String layer, String areaId, long eventTime, String feed, String category, boolean weapon,
            int delta, long appendedAt) {
        this(layer, areaId, eventTime, feed, category, weapon, delta, appendedAt, "");
    }

    /** A delta whose record's append time is not known. */
    public CountDelta(String layer, String areaId, long eventTime, String feed, String category, boolean weapon,
            int delta) {
        this(layer, areaId, eventTime, feed, category, weapon, delta, 0L);
    }

    /** The key the area's counts are kept under. */
    public String areaKey() {
        return layer + ":" + areaId;
    }
}
