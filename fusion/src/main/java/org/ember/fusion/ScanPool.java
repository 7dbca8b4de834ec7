package org.ember.fusion;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daily scan's own threads, one small pool per task: its replications never go to the common
 * ForkJoin pool, where they would compete unseen with every other library and with the job's task
 * threads. Daemon threads named {@code <name>-<n>}, so a stuck job never waits for them and a
 * thread dump says whose they are; {@link #close()} stops them with the task.
 */
public final class ScanPool implements Executor, AutoCloseable {
    private static final int MOST = 4;

    private final ExecutorService threads;
    private final int size;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    /**
     * @param name prefix of the threads' names
     * @param size threads (≥ 1); 1 means the scan runs in the calling task thread and none is started
     */
    public ScanPool(String name, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a scan pool needs at least one thread");
        }
        this.size = size;
        AtomicInteger made = new AtomicInteger();
        this.threads = size == 1 ? null : Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name + "-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A pool sized to one task's share of the machine: the cores divided among the tasks of this
     * operator in the JVM, at least 1 and at most {@value #MOST}.
     */
    public static ScanPool forSlot(String name, int tasksInJvm) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ScanPool(name, Math.max(1, Math.min(MOST, cores / Math.max(1, tasksInJvm))));
    }

    /** Replication tasks the scan may run at once. */
    public int size() {
        return size;
    }

    /** The executor a scan runs its replications on, or null (the calling thread) for a pool of one. */
    public Executor executor() {
        return threads == null ? null : this;
    }

    /** Names of the threads that have run replications (for tests and thread dumps). */
    public Set<String> threadsUsed() {
        return Set.copyOf(used);
    }

    @Override
    public void execute(Runnable task) {
        if (threads == null) {
            throw new IllegalStateException("a scan pool of one runs in the calling thread");
        }
        threads.execute(() -> {
            used.add(Thread.currentThread().getName());
            task.run();
        });
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /** True once {@link #close()} has stopped the threads (or there never were any). */
    public boolean isClosed() {
        return threads == null || threads.isShutdown();
    }
}
