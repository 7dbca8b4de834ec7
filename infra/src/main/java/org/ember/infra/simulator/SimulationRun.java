package org.ember.infra.simulator;

import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One pass over the simulated months. Months are generated one at a time and merged through a
 * queue: a record is released only once no later month can still produce an earlier one, so the
 * sequence is in non-decreasing emit-time order across month boundaries. Equal emit times keep
 * month order, then generation order, so the order is fully determined by the seed.
 */
public final class SimulationRun implements Iterator<SimulatedRecord> {
    private final SimulationSettings settings;
    private final MonthGenerator generator;
    private final ReplayTally tally;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparingLong((Pending p) -> p.record().emitTime())
                    .thenComparingLong(Pending::monthIndex)
                    .thenComparingLong(Pending::sequence));
    private final ArrayDeque<SimulatedRecord> ready = new ArrayDeque<>();
    private YearMonth nextMonth;
    private long monthIndex;

    private record Pending(SimulatedRecord record, long monthIndex, long sequence) {}

    SimulationRun(SimulationSettings settings, MonthGenerator generator) {
        this.settings = settings;
        this.generator = generator;
        this.tally = generator.tally();
        this.nextMonth = settings.from();
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    @Override
    public SimulatedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Counts of what has been read and generated so far. */
    public ReplayCounts counts() {
        return tally.snapshot();
    }

    private void fill() {
        while (ready.isEmpty()) {
            boolean moreMonths = !nextMonth.isAfter(settings.to());
            if (!moreMonths) {
                if (pending.isEmpty()) {
                    return;
                }
                ready.add(pending.poll().record());
                continue;
            }
            long safeBefore = MonthHours.startOf(nextMonth, MonthGenerator.UK)
                    .minus(MonthGenerator.EARLIEST_EMIT_BEFORE_MONTH).toEpochMilli();
            // Release what no later month can precede.
            while (!pending.isEmpty() && pending.peek().record().emitTime() < safeBefore) {
                ready.add(pending.poll().record());
            }
            if (ready.isEmpty()) {
                long sequence = 0;
                for (SimulatedRecord record : generator.generate(nextMonth)) {
                    pending.add(new Pending(record, monthIndex, sequence++));
                }
                monthIndex++;
                nextMonth = nextMonth.plusMonths(1);
            }
        }
    }
}
