package org.ember.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ember.infra.bench.CpuByKind.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuByKindTest {
    private static final String FUSION_TASK = "Fusion: link reports into incidents per grid block -> (Linked incidents: Writer) (2/2)#0";

    @Test
    void javaThreadsAreToldApartByTheirNames() {
        assertThat(CpuByKind.ofJavaThread(FUSION_TASK)).isEqualTo(Kind.TASK);
        assertThat(CpuByKind.ofJavaThread("OutputFlusher for Resolve corrections and cancellations (1/2)#0")).isEqualTo(Kind.TASK);
        assertThat(CpuByKind.ofJavaThread("AsyncOperations-thread-1")).isEqualTo(Kind.CHECKPOINT);
        assertThat(CpuByKind.ofJavaThread("kafka-producer-network-thread | producer-2")).isEqualTo(Kind.KAFKA_CLIENT);
        assertThat(CpuByKind.ofJavaThread("Source Data Fetcher for Source: Kafka feed.police -> Ingest police (1/2)#0"))
                .isEqualTo(Kind.KAFKA_CLIENT);
        assertThat(CpuByKind.ofJavaThread("main")).isNull();
    }

    @Test
    void theJvmsOwnThreadsAreToldApartByTheirLinuxNames() {
        assertThat(CpuByKind.ofNativeThread("C2 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(CpuByKind.ofNativeThread("C1 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(CpuByKind.ofNativeThread("GC Thread#1")).isEqualTo(Kind.GC);
        assertThat(CpuByKind.ofNativeThread("G1 Conc#0")).isEqualTo(Kind.GC);
        assertThat(CpuByKind.ofNativeThread("Source: Kafka f")).isNull();
    }

    @Test
    void aStatLineGivesUserPlusSystemTicksEvenWithSpacesInTheName() {
        String stat = "4242 (C2 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 250 37 0 0 20 0 1 0";
        assertThat(CpuByKind.ticksOf(stat)).isEqualTo(287);
    }

    @Test
    void nativeTicksAreSummedByKindWithTheProcessTotal(@TempDir Path proc) throws Exception {
        thread(proc, 11, "C2 CompilerThre", 100, 20);
        thread(proc, 12, "C1 CompilerThre", 30, 0);
        thread(proc, 13, "GC Thread#0", 5, 5);
        thread(proc, 14, "Fusion: hot spo", 400, 10);
        Path processStat = proc.resolve("process-stat");
        Files.writeString(processStat, "10 (java) S 1 2 3 4 5 6 7 8 9 10 900 100 0 0 20 0 1 0\n");
        Map<Kind, Long> ticks = CpuByKind.nativeTicks(proc.resolve("task"), processStat);
        assertThat(ticks).containsEntry(Kind.JIT, 150L).containsEntry(Kind.GC, 10L).containsEntry(Kind.OTHER, 1000L)
                .doesNotContainKey(Kind.TASK);
    }

    @Test
    void withoutProcTheNativeShareIsUnknownAndLeftInOther(@TempDir Path empty) {
        assertThat(CpuByKind.nativeTicks(empty.resolve("missing"), empty.resolve("stat"))).isEmpty();
        Map<Kind, Long> split = CpuByKind.split(1_000, Map.of(Kind.TASK, 600L), Map.of(), Map.of());
        assertThat(split).containsEntry(Kind.TASK, 600L).containsEntry(Kind.JIT, 0L).containsEntry(Kind.OTHER, 400L);
    }

    @Test
    void theSplitScalesTheJvmsThreadsToTheProcessTimeAndLeavesTheRestInOther() {
        Map<Kind, Long> before = Map.of(Kind.JIT, 100L, Kind.GC, 10L, Kind.OTHER, 1_000L);
        Map<Kind, Long> after = Map.of(Kind.JIT, 400L, Kind.GC, 60L, Kind.OTHER, 2_000L);
        // 1,000 process ticks in the interval: the JIT 30 % of them, the collector 5 %.
        Map<Kind, Long> split = CpuByKind.split(2_000_000, Map.of(Kind.TASK, 1_000_000L, Kind.CHECKPOINT, 100_000L), before, after);
        assertThat(split).containsEntry(Kind.JIT, 600_000L).containsEntry(Kind.GC, 100_000L)
                .containsEntry(Kind.TASK, 1_000_000L).containsEntry(Kind.CHECKPOINT, 100_000L).containsEntry(Kind.OTHER, 200_000L);
        assertThat(split.keySet()).containsExactly(Kind.values());
    }

    private static void thread(Path proc, int tid, String comm, long user, long system) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("task").resolve(Integer.toString(tid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("stat"), tid + " (" + comm + ") S 1 2 3 4 5 6 7 8 9 10 " + user + " " + system + " 0 0 20 0 1 0\n");
    }
}
