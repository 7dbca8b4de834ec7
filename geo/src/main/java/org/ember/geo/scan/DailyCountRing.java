package org.ember.geo.scan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} consecutive days of counts per location, with running per-location,
 * per-day and overall totals: the state the daily scanners keep across days. Adding a day overwrites
 * the oldest and costs O(L). Days are addressed by how far back they lie from the latest ({@code
 * back = 0} is the latest day). Not thread-safe.
 */
final class DailyCountRing {
    private final Map<String, Integer> index = new HashMap<>();
    private final int capacity;
    private final int[][] counts;
    private final long[] locationTotal;
    private final long[] dayTotal;
    private long total;
    private int head = -1;
    private int daysSeen;
    private LocalDate lastDay;

    DailyCountRing(List<ScanLocation> locations, int capacity) {
        this(locations, capacity, true);
    }

    /** @param rows allocate each location's row of counts (false: {@link #moveTo} fills them) */
    private DailyCountRing(List<ScanLocation> locations, int capacity, boolean rows) {
        for (int i = 0; i < locations.size(); i++) {
            if (index.put(locations.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate location " + locations.get(i).id());
            }
        }
        this.capacity = capacity;
        this.counts = rows ? new int[locations.size()][capacity] : new int[locations.size()][];
        this.locationTotal = new long[locations.size()];
        this.dayTotal = new long[capacity];
    }

    /** Appends the next day's counts per location id (days must be consecutive). */
    void addDay(LocalDate day, Map<String, Integer> byId) {
        if (lastDay != null && !day.equals(lastDay.plusDays(1))) {
            throw new IllegalArgumentException("expected " + lastDay.plusDays(1) + " but got " + day);
        }
        int[] next = parse(byId);
        head = (head + 1) % capacity;
        for (int z = 0; z < counts.length; z++) {
            locationTotal[z] += next[z] - counts[z][head];
            counts[z][head] = next[z];
        }
        total -= dayTotal[head];
        dayTotal[head] = 0;
        for (int n : next) {
            dayTotal[head] += n;
        }
        total += dayTotal[head];
        lastDay = day;
        daysSeen++;
    }

    /**
     * Replaces the counts of a day still held (late, corrected or cancelled records), so a scanner
     * kept across days need not be refilled. Costs O(L).
     */
    void reviseDay(LocalDate day, Map<String, Integer> byId) {
        if (lastDay == null || day.isAfter(lastDay) || !day.isAfter(lastDay.minusDays(daysHeld()))) {
            throw new IllegalArgumentException(day + " is not in the study period ending " + lastDay);
        }
        int slot = slot((int) ChronoUnit.DAYS.between(day, lastDay));
        int[] next = parse(byId);
        for (int z = 0; z < counts.length; z++) {
            int delta = next[z] - counts[z][slot];
            counts[z][slot] = next[z];
            locationTotal[z] += delta;
            dayTotal[slot] += delta;
            total += delta;
        }
    }

    /** Sets location z's count on the day {@code back} days before the latest (a day held). */
    void setCount(int z, int back, int n) {
        if (back < 0 || back >= daysHeld() || n < 0) {
            throw new IllegalArgumentException("day " + back + " back is not held, or count " + n + " below 0");
        }
        int slot = slot(back);
        int delta = n - counts[z][slot];
        counts[z][slot] = n;
        locationTotal[z] += delta;
        dayTotal[slot] += delta;
        total += delta;
    }

    /**
     * Counts per location of the days held, {@code [back][location]} with {@code back = 0} the latest
     * day: what a scanner kept across restarts stores.
     */
    int[][] countsByBack() {
        int held = daysHeld();
        int[][] out = new int[held][counts.length];
        for (int back = 0; back < held; back++) {
            int slot = slot(back);
            for (int z = 0; z < counts.length; z++) {
                out[back][z] = counts[z][slot];
            }
        }
        return out;
    }

    /** {@link #countsByBack()} in one array, {@code [back × locations + z]}. */
    int[] countsFlat() {
        int held = daysHeld();
        int n = counts.length;
        int[] out = new int[held * n];
        for (int back = 0; back < held; back++) {
            int slot = slot(back);
            for (int z = 0; z < n; z++) {
                out[back * n + z] = counts[z][slot];
            }
        }
        return out;
    }

    /**
     * Refills an empty ring with stored days ({@link #countsByBack()} order, at most the capacity),
     * the latest being {@code last}; {@code seen} is how many days had been added in all.
     */
    void restore(LocalDate last, int seen, int[][] byBack) {
        int n = counts.length;
        int[] flat = new int[byBack.length * n];
        int[] source = new int[n];
        for (int z = 0; z < n; z++) {
            source[z] = z;
        }
        for (int back = 0; back < byBack.length; back++) {
            System.arraycopy(byBack[back], 0, flat, back * n, n);
        }
        restore(last, seen, byBack.length, flat, n, source);
    }

    /**
     * {@link #restore(LocalDate, int, int[][])} from {@code days} stored days in one array of
     * {@code width} locations a day ({@code stored[back × width + i]}), location z of this ring
     * taking stored location {@code source[z]} (below 0: none, all 0).
     */
    void restore(LocalDate last, int seen, int days, int[] stored, int width, int[] source) {
        if (lastDay != null || days > capacity || seen < days) {
            throw new IllegalStateException("cannot restore " + days + " of " + seen + " days");
        }
        head = days - 1;
        for (int back = 0; back < days; back++) {
            int slot = slot(back);
            int offset = back * width;
            for (int z = 0; z < counts.length; z++) {
                int n = source[z] < 0 ? 0 : stored[offset + source[z]];
                counts[z][slot] = n;
                locationTotal[z] += n;
                dayTotal[slot] += n;
                total += n;
            }
        }
        lastDay = days == 0 ? null : last;
        daysSeen = days == 0 ? 0 : seen;
        if (days == 0) {
            head = -1;
        }
    }

    /**
     * The ring {@link #restore(LocalDate, int, int, int[], int, int[]) restoring} this one's days over
     * {@code locations} would give, location z taking this ring's location {@code source[z]} (below 0:
     * a new one, all 0; each source at most once), built by moving this ring's rows instead of copying
     * its days one by one: this ring is emptied (no location, no day) and must not be used afterwards.
     * A location left out takes its counts out of the day totals, as a restore that does not list it.
     */
    DailyCountRing moveTo(List<ScanLocation> locations, int[] source) {
        DailyCountRing moved = new DailyCountRing(locations, capacity, false);
        boolean[] taken = new boolean[counts.length];
        for (int z = 0; z < source.length; z++) {
            if (source[z] >= 0) {
                if (taken[source[z]]) {
                    throw new IllegalArgumentException("location " + source[z] + " taken twice");
                }
                taken[source[z]] = true;
                moved.counts[z] = counts[source[z]];
                moved.locationTotal[z] = locationTotal[source[z]];
            } else {
                moved.counts[z] = new int[capacity];
            }
        }
        System.arraycopy(dayTotal, 0, moved.dayTotal, 0, capacity);
        moved.total = total;
        for (int i = 0; i < counts.length; i++) {
            if (!taken[i] && locationTotal[i] != 0) {
                for (int slot = 0; slot < capacity; slot++) {
                    moved.dayTotal[slot] -= counts[i][slot];
                    moved.total -= counts[i][slot];
                }
            }
        }
        moved.head = head;
        moved.daysSeen = daysSeen;
        moved.lastDay = lastDay;
        Arrays.fill(counts, null);
        index.clear();
        return moved;
    }

    private int[] parse(Map<String, Integer> byId) {
        int[] next = new int[counts.length];
        for (Map.Entry<String, Integer> e : byId.entrySet()) {
            Integer z = index.get(e.getKey());
            if (z == null) {
                throw new IllegalArgumentException("unknown location " + e.getKey());
            }
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("negative count at " + e.getKey());
            }
            next[z] += e.getValue();
        }
        return next;
    }

    private int slot(int back) {
        return Math.floorMod(head - back, capacity);
    }

    /** Cases at location z on the day {@code back} days before the latest. */
    int count(int z, int back) {
        return counts[z][slot(back)];
    }

    /** Cases of all locations on the day {@code back} days before the latest. */
    long dayTotal(int back) {
        return dayTotal[slot(back)];
    }

    /** Cases at location z over the days held. */
    long locationTotal(int z) {
        return locationTotal[z];
    }

    /** Cases over the days held. */
    long total() {
        return total;
    }

    /** Index of a location id, or null if unknown. */
    Integer indexOf(String id) {
        return index.get(id);
    }

    int locations() {
        return counts.length;
    }

    /** Days added so far (not capped by the capacity). */
    int daysSeen() {
        return daysSeen;
    }

    /** Days currently held (at most the capacity). */
    int daysHeld() {
        return Math.min(daysSeen, capacity);
    }

    /** The latest day added, or null before the first. */
    LocalDate lastDay() {
        return lastDay;
    }
}
