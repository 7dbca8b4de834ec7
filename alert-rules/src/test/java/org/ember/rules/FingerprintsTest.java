package org.ember.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Fingerprints} with its reused per-thread digest against a fresh digest per call, as it was. */
class FingerprintsTest {
    private static String fresh(String rule, String layer, String areaId, long episodeStart) {
        byte[] hash = Fingerprints.sha256().digest((rule + "\u0000" + layer + "\u0000" + areaId + "\u0000" + episodeStart)
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 12);
    }

    private static void checkRandom(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            String rule = random.nextInt(5) == 0 ? "" : "rule-" + random.nextInt(50) + "é";
            String layer = random.nextBoolean() ? "cell" : "lad";
            String area = random.nextInt(10) == 0 ? "" : "E0" + random.nextInt(1_000_000);
            long start = random.nextInt(10) == 0 ? Long.MIN_VALUE : random.nextLong();
            assertThat(Fingerprints.of(rule, layer, area, start)).isEqualTo(fresh(rule, layer, area, start)).hasSize(24);
        }
    }

    @Test
    void sameAsAFreshDigestOnRandomInputs() {
        checkRandom(1);
        checkRandom(2);
        assertThat(Fingerprints.of("r", "cell", "a", 0)).isEqualTo(Fingerprints.of("r", "cell", "a", 0))
                .isNotEqualTo(Fingerprints.of("r", "cell", "a", 1));
    }

    @Test
    void sameAsAFreshDigestFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (long seed = 10; seed < 18; seed++) {
                long s = seed;
                runs.add(pool.submit(() -> checkRandom(s)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
