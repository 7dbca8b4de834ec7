package org.ember.jobs.area;

import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.records.CountDelta;
import org.ember.model.AreaCounts;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.counts.CountChanges;
import org.ember.rules.counts.CountMetrics;
import org.ember.rules.counts.HourlyCounts;

/**
 * The counting half of {@link AreaCountsRulesFunction}, over the current key's state: running 1 h,
 * 24 h and 7 day sums, one bucket per event-time hour (only so that each bucket can leave each window
 * on a timer at its {@link HourlyCounts#exit}), and the coalesced map publication. It says what
 * changed as the update the rules read ({@link CountMetrics#update}); the function applies it.
 *
 * <p>The running state is one array: the counts (indexed by {@link CountVocabulary}), the area's
 * clock (the newest time applied, so that what is published never goes back in time) and a flag
 * "changed since the map entry was last published", so a report costs one value read and write.
 *
 * <p><b>In place.</b> The running array and a bucket are changed in the array read from state and
 * then written back ({@code update}, {@code put}). With RocksDB (the cluster's backend) the read is a
 * fresh copy and the write is what stores it. With the heap backend (local runs, backtests) the read
 * returns the stored object itself, and changing it in place is still safe: the heap state table is
 * copy-on-write per entry, and a read of an entry that a running snapshot still holds returns a copy
 * made for it (the snapshot keeps the old array), so a checkpoint never sees a half-applied change.
 * Hence no defensive copy of either array; the rules' update is built from what was added
 * ({@link CountChanges}), not by comparing a copy of the counts taken before with one taken after.
 */
final class AreaCountKeeper {
    /** Index of the area's clock in the running state, after the counts. */
    private static final int CLOCK = CountVocabulary.SIZE;
    /** Index of the flag "changed since the area's map entry was last published" (1) in the running state. */
    private static final int DIRTY = CLOCK + 1;
    private static final int STATE_LENGTH = DIRTY + 1;
    /**
     * The area's counts go to {@code ember.hotspots} at most once per this much arrival time, at the
     * multiples of it (the console redraws no faster); the rules still hear of every change at once.
     * Driven by the arrival clock (watermark timers), never by the wall clock, so replays publish the
     * same messages.
     */
    static final long PUBLICATION_MILLIS = 100;

    private final MapState<Long, long[]> buckets;
    private final ValueState<long[]> running;
    private final JobMetrics.Count late;
    /** The entries of the running counts the current step changed (task memory, reused). */
    private final CountChanges changes = new CountChanges();
    /** The last key split into layer and area code, reused while the same key is handled. */
    private String splitKey;
    private String splitLayer;
    private String splitArea;
    /** Tests only: every count update the rules read, in order (null in the job). */
    private List<AreaMetrics> updates;

    AreaCountKeeper(RuntimeContext context, JobMetrics.Count late) {
        this.buckets = context.getMapState(
                new MapStateDescriptor<>("hourly-buckets", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        this.running = context.getState(
                new ValueStateDescriptor<>("running-counts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        this.late = late;
    }

    void recordUpdates(List<AreaMetrics> sink) {
        updates = sink;
    }

    /** The key's running state, or null: none is kept when no bucket is and nothing is unpublished. */
    long[] running() throws Exception {
        return running.value();
    }

    /**
     * Running counts of an area that has none. This operator never restores the state of the separate
     * counts stage it replaced, which kept buckets without running sums (see AreaStage).
     */
    static long[] empty() {
        long[] counts = new long[STATE_LENGTH];
        counts[CLOCK] = Long.MIN_VALUE;
        return counts;
    }

    /**
     * Applies one count change at {@code now} on the arrival clock: it enters the windows it has not
     * left. A bucket's exits are registered once, when it is created.
     *
     * @return the update the rules read, or null when the counts did not change
     */
    AreaMetrics enter(String key, CountDelta delta, long now, long[] counts, TimerService timers) throws Exception {
        long hour = HourlyCounts.hourOf(delta.eventTime());
        long[] change = HourlyCounts.single(delta.feed(), delta.category(), delta.weapon(), delta.delta());
        int entered = HourlyCounts.enterWindows(counts, change, hour, now);
        if (HourlyCounts.exit(hour, 0) <= now) {
            late.increment(); // it arrived after leaving a window: those windows never hold it
        }
        if (entered == 0) {
            return null; // it has left every window already: nothing to count, nothing to keep
        }
        long[] bucket = buckets.get(hour);
        if (bucket == null) {
            bucket = HourlyCounts.emptyBucket();
            for (long exit : HourlyCounts.exits(hour)) {
                if (exit > now) {
                    timers.registerEventTimeTimer(exit);
                }
            }
        }
        for (int i = 0; i < bucket.length; i++) {
            bucket[i] += change[i];
        }
        if (HourlyCounts.isZero(bucket)) {
            buckets.remove(hour); // its exits find nothing and change nothing
        } else {
            buckets.put(hour, bucket);
        }
        counts[CLOCK] = Math.max(counts[CLOCK], now);
        changes.clear();
        changes.markWindows(entered, change);
        return update(key, counts, delta.appendedAt());
    }

    /**
     * The buckets whose windows end at {@code time} leave them. Only at whole hours
     * ({@link HourlyCounts#isExitTime}): at any other time (an arrival, a publication, a rule deadline)
     * no bucket leaves, and this reads no state. What a timer also did here until then, moving the
     * area's clock to its time while buckets are kept, {@link #settle} does at the timer's end.
     *
     * @return the update the rules read, or null when nothing left (or nothing is counted)
     */
    AreaMetrics exit(String key, long time, long[] counts) throws Exception {
        if (counts == null || !HourlyCounts.isExitTime(time) || buckets.isEmpty()) {
            return null; // most timers of fusion-only areas and cells: no counts work at all
        }
        changes.clear();
        for (int w = 0; w < HourlyCounts.windows(); w++) {
            long hour = HourlyCounts.exitingHour(w, time);
            long[] bucket = buckets.get(hour);
            if (bucket != null) {
                HourlyCounts.leave(counts, bucket, w);
                changes.mark(w, bucket);
                if (w == HourlyCounts.windows() - 1) {
                    buckets.remove(hour);
                }
            }
        }
        counts[CLOCK] = Math.max(counts[CLOCK], time);
        return update(key, counts, 0L);
    }

    /**
     * At the end of a timer at {@code time}, before the publication: moves the area's clock to
     * {@code time} while it keeps buckets, as {@link #exit} did for every timer before it skipped the
     * times that are not whole hours.
     *
     * <p>Why at the end gives the same clock: when a count change entered at {@code time}, the clock
     * is {@code time} already (and {@link #exit} at a whole hour moved it itself); when none entered,
     * no bucket came or went after the exits, so "keeps buckets" is the same now as it was then. In
     * between, nothing reads the clock but the updates made by {@link #enter}, which set it first.
     *
     * @return whether the area keeps buckets (for {@link #store})
     */
    boolean settle(long[] counts, long time) throws Exception {
        boolean keepsBuckets = !buckets.isEmpty();
        if (keepsBuckets) {
            counts[CLOCK] = Math.max(counts[CLOCK], time);
        }
        return keepsBuckets;
    }

    /** The update the rules read (the {@link #changes}, zeros included), or null when none changed. */
    private AreaMetrics update(String key, long[] counts, long appendedAt) {
        if (changes.isEmpty()) {
            return null;
        }
        if (!key.equals(splitKey)) {
            // The key is layer, the first colon, area code: split once per key, not per change.
            int colon = key.indexOf(':');
            splitLayer = key.substring(0, colon);
            splitArea = key.substring(colon + 1);
            splitKey = key;
        }
        AreaMetrics update = changes.update(splitLayer, splitArea, counts[CLOCK], counts, appendedAt);
        if (updates != null) {
            updates.add(update);
        }
        return update;
    }

    /** The area's full counts for the map, as of its clock; nothing is left unpublished. */
    static AreaCounts publish(String key, long[] counts) {
        int colon = key.indexOf(':');
        counts[DIRTY] = 0;
        // A copy: the published counts leave the operator, the running array changes on.
        return new AreaCounts(key.substring(0, colon), key.substring(colon + 1), counts[CLOCK],
                java.util.Arrays.copyOf(counts, CountVocabulary.SIZE));
    }

    /**
     * The area's map entry is due at the next publication boundary at or after {@code now}: a timer
     * there, unless it is {@code timerTime}, the timer being handled (it publishes at its end).
     *
     * <p>Registered once per publication, when the entry becomes unpublished, not once per change: an
     * entry that is already unpublished since some time {@code t0} has its timer at
     * {@code P = nextPublication(t0)}, and every change before that timer fires is applied at a time in
     * {@code [t0, P]} (a key's times never go back: every timer is set after the time being applied,
     * and a late input is applied at the watermark, past which every timer has fired). Such a time's
     * next boundary is {@code P} itself, so the registration was a no-op (Flink keeps one timer per
     * key and time); at {@code P} the timer being handled publishes. The timer at {@code P} is not
     * deleted while the entry is unpublished ({@link #needs}).
     */
    static void markDirty(long[] counts, long now, long timerTime, TimerService timers) {
        if (counts[DIRTY] != 0) {
            return; // its timer is set: see the method comment
        }
        counts[DIRTY] = 1;
        long due = nextPublication(now);
        if (due != timerTime) { // only ever after timerTime: within a timer call, now is timerTime
            timers.registerEventTimeTimer(due);
        }
    }

    /** Whether the map entry is due at {@code time}: changed since the last publication, and a boundary. */
    static boolean publishesAt(long[] counts, long time) {
        return counts[DIRTY] != 0 && isPublication(time);
    }

    /** The first publication boundary at or after {@code time}. */
    static long nextPublication(long time) {
        return Math.floorDiv(time + PUBLICATION_MILLIS - 1, PUBLICATION_MILLIS) * PUBLICATION_MILLIS;
    }

    private static boolean isPublication(long time) {
        return Math.floorMod(time, PUBLICATION_MILLIS) == 0;
    }

    /**
     * Whether the counts have a timer at {@code time} they still need: a bucket's exit, or the
     * publication of an unpublished change. The rules must not delete such a timer.
     */
    boolean needs(long time, long[] counts) throws Exception {
        if (counts == null) {
            return false; // no bucket, nothing unpublished
        }
        if (publishesAt(counts, time)) {
            return true;
        }
        for (int w = 0; w < HourlyCounts.windows(); w++) {
            if (buckets.contains(HourlyCounts.exitingHour(w, time))) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the running state while a bucket or an unpublished change is left; clears it after. */
    void store(long[] counts) throws Exception {
        store(counts, !buckets.isEmpty());
    }

    /** {@link #store}, when whether the area keeps buckets is known ({@link #settle}). */
    void store(long[] counts, boolean keepsBuckets) throws Exception {
        if (!keepsBuckets && counts[DIRTY] == 0) {
            running.clear(); // every bucket has left every window and the zeros are published
        } else {
            running.update(counts);
        }
    }
}
