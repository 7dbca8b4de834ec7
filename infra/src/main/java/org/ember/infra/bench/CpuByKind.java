package org.ember.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a bench's CPU went, by kind of thread: the job's task threads, the checkpoints' threads,
 * Kafka's client threads, the JIT compiler, the garbage collector, and the rest. A short flat-out
 * run spends a third of its CPU compiling, and a live one at 100 records/s more than half, so the
 * process's total says little about the job's cost per record without this split.
 *
 * <p>Java threads are told apart by their names ({@link #ofJavaThread}); the JIT compiler's and the
 * collector's are not visible to {@code ThreadMXBean}, so their share comes from Linux's per-thread
 * accounting ({@code /proc/self/task/<tid>/stat}, {@link #ofNativeThread}), read as a fraction of
 * the process's own ticks there and applied to the process CPU time.
 */
public final class CpuByKind {
    /** Kinds of thread, in the order they are printed. */
    public enum Kind {
        TASK("task threads"),
        CHECKPOINT("checkpoints"),
        KAFKA_CLIENT("Kafka clients"),
        JIT("JIT compiler"),
        GC("garbage collector"),
        OTHER("other");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Flink names a task thread "{@code <operators> (i/n)#attempt}". */
    private static final Pattern TASK_THREAD = Pattern.compile("\\(\\d+/\\d+\\)#\\d+$");

    private CpuByKind() {}

    /** The kind of a Java thread, by its full name; null for a kind only Linux's accounting tells apart. */
    public static Kind ofJavaThread(String name) {
        if (name.startsWith("AsyncOperations")) {
            return Kind.CHECKPOINT; // Flink's asynchronous part of every checkpoint: the state snapshot
        }
        if (name.startsWith("kafka-") || name.startsWith("Source Data Fetcher")) {
            // Kafka's own client threads, and the Kafka source's fetcher (a consumer's poll loop)
            return Kind.KAFKA_CLIENT;
        }
        if (namedAfterTask(name)) {
            return Kind.TASK; // with each task's output flusher and timer threads, named after it
        }
        return null;
    }

    /** Whether Flink named the thread after a task ("{@code … (i/n)#attempt}"): its own, or its fetcher's, flusher's, timers'. */
    public static boolean namedAfterTask(String name) {
        return TASK_THREAD.matcher(name).find();
    }

    /**
     * The kind of a thread by its Linux name (the first 15 characters): only the JVM's own threads
     * are told apart here, the JIT compiler's and the collector's; any other is null.
     */
    public static Kind ofNativeThread(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            return Kind.GC; // the VM thread runs the collections' safepoint work
        }
        return null;
    }

    /**
     * Clock ticks (user + system) of the JVM's own threads by kind, and the whole process's under
     * {@link Kind#OTHER}, from {@code taskDir} ({@code /proc/self/task}); empty when it cannot be read.
     */
    public static Map<Kind, Long> nativeTicks(Path taskDir, Path processStat) {
        Map<Kind, Long> ticks = new EnumMap<>(Kind.class);
        try (var threads = Files.list(taskDir)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    Kind kind = ofNativeThread(Files.readString(thread.resolve("comm")).strip());
                    if (kind != null) {
                        ticks.merge(kind, ticksOf(Files.readString(thread.resolve("stat"))), Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while it was being read: its time is in the process's
                }
            }
            ticks.put(Kind.OTHER, ticksOf(Files.readString(processStat)));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /** utime + stime of one {@code stat} line; the name in parentheses may hold spaces. */
    static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // After the name: state is field 3 of the line, utime 14 and stime 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU nanoseconds by kind between two readings.
     *
     * @param processNanos    the process's CPU time between them (all threads)
     * @param javaNanos       Java threads' CPU time between them by {@link #ofJavaThread} kind
     * @param nativeBefore    {@link #nativeTicks} at the first reading
     * @param nativeAfter     {@link #nativeTicks} at the second
     * @return every kind, {@link Kind#OTHER} what is left of the process's time
     */
    public static Map<Kind, Long> split(long processNanos, Map<Kind, Long> javaNanos, Map<Kind, Long> nativeBefore,
            Map<Kind, Long> nativeAfter) {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            out.put(kind, 0L);
        }
        long accounted = 0;
        for (Map.Entry<Kind, Long> e : javaNanos.entrySet()) {
            out.merge(e.getKey(), e.getValue(), Long::sum);
            accounted += e.getValue();
        }
        long processTicks = nativeAfter.getOrDefault(Kind.OTHER, 0L) - nativeBefore.getOrDefault(Kind.OTHER, 0L);
        if (processTicks > 0) {
            for (Kind kind : new Kind[] {Kind.JIT, Kind.GC}) {
                long ticks = nativeAfter.getOrDefault(kind, 0L) - nativeBefore.getOrDefault(kind, 0L);
                long nanos = Math.round(processNanos * (double) Math.max(0, ticks) / processTicks);
                out.put(kind, nanos);
                accounted += nanos;
            }
        }
        out.put(Kind.OTHER, Math.max(0, processNanos - accounted));
        return out;
    }
}
