package org.ember.geo.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The memo may forget, but it must never answer for a point with another point's value. */
class PointMemoTest {

    private record Key(long lonBits, long latBits) {
        static Key of(double lon, double lat) {
            return new Key(Double.doubleToRawLongBits(lon), Double.doubleToRawLongBits(lat));
        }
    }

    @Test
    void answersOnlyWithTheValueStoredForExactlyThatPointAndStaysWithinItsSlots() {
        PointMemo<String> memo = new PointMemo<>(256);
        Map<Key, String> reference = new HashMap<>();
        Random random = new Random(3L);
        double[][] points = new double[2_000][];
        for (int i = 0; i < points.length; i++) {
            // Map points one ulp apart, and far apart: neighbours in bits must not share answers.
            double lon = i % 2 == 0 ? -3.18 + random.nextDouble() * 1e-3 : Math.nextUp(points[i - 1][0]);
            double lat = 51.48 + random.nextInt(50) * 1e-5;
            points[i] = new double[] {lon, lat};
        }
        int hits = 0;
        for (int round = 0; round < 50_000; round++) {
            double[] p = points[random.nextInt(round < 25_000 ? 200 : points.length)];
            String known = memo.get(p[0], p[1]);
            String value = reference.computeIfAbsent(Key.of(p[0], p[1]), k -> p[0] + "," + p[1]);
            if (known != null) {
                assertThat(known).isSameAs(value);
                hits++;
            } else {
                memo.put(p[0], p[1], value);
            }
            assertThat(memo.get(p[0], p[1])).isSameAs(value);
        }
        assertThat(memo.size()).isLessThanOrEqualTo(256);
        assertThat(hits).isGreaterThan(20_000); // 200 points in 256 slots: the first half is nearly all hits
    }

    @Test
    void pointsSharingOneCoordinateAreDifferentPointsEvenInOneSet() {
        PointMemo<String> memo = new PointMemo<>(2); // one set: every point collides
        for (int i = 0; i < 1_000; i++) {
            double shared = i % 7;
            double other = i % 11;
            boolean lonShared = i % 2 == 0;
            double lon = lonShared ? shared : other;
            double lat = lonShared ? other : shared;
            String known = memo.get(lon, lat);
            assertThat(known).isIn(null, lon + "," + lat);
            memo.put(lon, lat, lon + "," + lat);
            assertThat(memo.get(lon, lat)).isEqualTo(lon + "," + lat);
            assertThat(memo.get(lon, lat + 1)).isNull();
            assertThat(memo.get(lon + 1, lat)).isNull();
        }
    }

    @Test
    void signedZeroesAndNaNsAreDifferentPointsNotRoundedTogether() {
        PointMemo<String> memo = new PointMemo<>(64);
        memo.put(0.0, 51.0, "plus zero");
        assertThat(memo.get(-0.0, 51.0)).isNull();
        memo.put(-0.0, 51.0, "minus zero");
        assertThat(memo.get(0.0, 51.0)).isEqualTo("plus zero");
        assertThat(memo.get(-0.0, 51.0)).isEqualTo("minus zero");
        double otherNaN = Double.longBitsToDouble(0x7ff8000000000001L);
        memo.put(Double.NaN, 51.0, "NaN");
        assertThat(memo.get(otherNaN, 51.0)).isNull();
        assertThat(memo.get(Double.NaN, 51.0)).isEqualTo("NaN");
        assertThat(memo.get(51.0, 0.0)).isNull(); // coordinates swapped are another point
    }

    @Test
    void aThirdPointInASetEvictsTheLeastRecentlyUsedOne() {
        PointMemo<Integer> memo = new PointMemo<>(2); // one set: every point collides
        memo.put(1.0, 1.0, 1);
        memo.put(2.0, 2.0, 2);
        assertThat(memo.get(1.0, 1.0)).isEqualTo(1); // used: kept when the third arrives
        memo.put(3.0, 3.0, 3);
        assertThat(memo.get(2.0, 2.0)).isNull();
        assertThat(memo.get(1.0, 1.0)).isEqualTo(1);
        assertThat(memo.get(3.0, 3.0)).isEqualTo(3);
        assertThat(memo.size()).isEqualTo(2);
    }

    @Test
    void sharedBetweenThreadsItStillNeverAnswersWrongly() throws InterruptedException {
        PointMemo<String> memo = new PointMemo<>(16);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            threads.add(new Thread(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 200_000; i++) {
                    double lon = random.nextInt(100);
                    double lat = random.nextInt(3);
                    String known = memo.get(lon, lat);
                    if (known == null) {
                        memo.put(lon, lat, lon + "/" + lat);
                    } else if (!known.equals(lon + "/" + lat)) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong.get()).isZero();
    }

    @Test
    void refusesASlotCountThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new PointMemo<String>(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PointMemo<String>(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PointMemo<String>(1024).capacity()).isEqualTo(1024);
    }
}
