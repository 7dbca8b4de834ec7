package org.ember.infra.chaos;

import java.util.Map;

/**
 * What a fuzz run measured.
 *
 * @param sent          records the broker acknowledged on the feed topics
 * @param in            records the job read ({@code ember.records.in})
 * @param processed     records the job accepted
 * @param deadLettered  records the job dead-lettered
 * @param byKind        records sent per fuzz kind
 * @param topics        per output topic: records read and unknown-field values found
 * @param logChars      characters the job logged during the run (the text searched)
 * @param logLeaks      unknown-field values found in the job's log
 * @param outboxLeaks   unknown-field values found in the notifications written
 */
public record FuzzFigures(long sent, long in, long processed, long deadLettered, Map<FuzzKind, Long> byKind,
        Map<String, OutputScan.TopicScan> topics, long logChars, long logLeaks, long outboxLeaks) {

    /** Records sent that the job neither processed nor dead-lettered (negative: counted twice). */
    public long unaccounted() {
        return sent - processed - deadLettered;
    }

    public long topicLeaks() {
        return topics.values().stream().mapToLong(OutputScan.TopicScan::leaks).sum();
    }

    public boolean clean() {
        return in == sent && unaccounted() == 0 && topicLeaks() == 0 && logLeaks == 0 && outboxLeaks == 0;
    }

    public String report() {
        StringBuilder s = new StringBuilder();
        s.append("fuzz: sent ").append(sent).append(", read by the job ").append(in).append(", processed ").append(processed)
                .append(", dead-lettered ").append(deadLettered).append(", unaccounted ").append(unaccounted()).append('\n');
        byKind.forEach((k, n) -> s.append("  ").append(k).append(' ').append(n).append('\n'));
        topics.forEach((t, scan) -> s.append("  ").append(t).append(": ").append(scan.records()).append(" records, ")
                .append(scan.leaks()).append(" unknown-field values\n"));
        s.append("unknown-field values: output topics ").append(topicLeaks()).append(", log ").append(logLeaks).append(" (of ").append(logChars).append(" characters logged)")
                .append(", notifications ").append(outboxLeaks).append('\n');
        s.append(clean() ? "RECONCILED, NO LEAK" : "FAILED").append('\n');
        return s.toString();
    }
}
