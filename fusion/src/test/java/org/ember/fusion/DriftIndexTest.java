package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The safe interval never hides news, and the index returns exactly the cells outside it. */
class DriftIndexTest {
    private static final double TOLERANCE = CellLayer.Z_TOLERANCE;

    /** What the cell layer would publish again for a cell published at {@code before} now scoring {@code now}. */
    private static boolean news(double before, double now) {
        double shown = Publish.round(before);
        double next = Publish.round(now);
        return DriftIndex.bin(before) != DriftIndex.bin(now) || (shown == 0) != (next == 0)
                || Publish.moved(shown, next, TOLERANCE);
    }

    @Test
    void aReferenceInsideTheSafeIntervalIsNeverNews() {
        SplittableRandom random = new SplittableRandom(3);
        int safeChecked = 0;
        for (int i = 0; i < 200_000; i++) {
            // Around the bin edges and zero as often as anywhere else.
            double[] near = {0, 1.6448536, 1.959964, 2.5758293, -1.6448536, -1.959964, -2.5758293};
            double z = random.nextInt(3) == 0 ? near[random.nextInt(near.length)] + (random.nextDouble() - 0.5) * 1e-3
                    : (random.nextDouble() - 0.5) * 12;
            double published = z + (random.nextDouble() - 0.5) * 1.2;
            DriftIndex.Safe safe = DriftIndex.safeAround(z, TOLERANCE);
            if (!safe.all() && published > safe.low() && published < safe.high()) {
                safeChecked++;
                assertThat(news(published, z)).as("published %s, now %s, safe %s", published, z, safe).isFalse();
            }
        }
        assertThat(safeChecked).as("most draws fall in a safe interval").isGreaterThan(50_000);
    }

    /**
     * The interval follows the publish rule, relative above 1: a cell published at z 6 is news
     * again only below 4 or from 12, so far references are safe too, and every reference left out
     * of it on the same side of zero is news, bar the rounding margin at its ends.
     */
    @Test
    void theSafeIntervalIsTheRelativeRuleNotJustTheAbsoluteTolerance() {
        SplittableRandom random = new SplittableRandom(11);
        int safeChecked = 0;
        int beyondAbsolute = 0;
        for (int i = 0; i < 300_000; i++) {
            double[] near = {0, 1, -1, 1.5, -1.5, 0.5, -0.5, 1.6448536, 1.959964, 2.5758293, -1.6448536, -1.959964,
                    -2.5758293};
            double z = random.nextInt(3) == 0 ? near[random.nextInt(near.length)] + (random.nextDouble() - 0.5) * 1e-3
                    : (random.nextDouble() - 0.5) * 40;
            double published = random.nextBoolean() ? z * random.nextDouble() * 2.5
                    : z + (random.nextDouble() - 0.5) * 3;
            DriftIndex.Safe safe = DriftIndex.safeAround(z, TOLERANCE);
            if (safe.all()) {
                continue;
            }
            boolean inside = published > safe.low() && published < safe.high();
            if (inside) {
                safeChecked++;
                if (Math.abs(published - z) >= TOLERANCE) {
                    beyondAbsolute++;
                }
                assertThat(news(published, z)).as("published %s, now %s, safe %s", published, z, safe).isFalse();
            } else if (!news(published, z) && Math.signum(published) == Math.signum(z)) {
                // Not news yet left out: only across zero (which the interval never spans) or within
                // the rounding margin of an end or a bin edge.
                double gap = Math.min(Math.abs(published - safe.low()), Math.abs(published - safe.high()));
                assertThat(gap).as("published %s, now %s, safe %s", published, z, safe)
                        .isLessThan(2e-4 * Math.max(1, Math.abs(z)));
            }
        }
        assertThat(safeChecked).as("draws in a safe interval").isGreaterThan(50_000);
        assertThat(beyondAbsolute).as("safe although moved by more than the tolerance").isGreaterThan(10_000);
    }

    @Test
    void unsafeReturnsThePublishedCellsOutsideTheIntervalAndTheUnpublishedInHotBins() {
        DriftIndex index = new DriftIndex();
        long classKey = DriftIndex.classKey(7, 13);
        List<DriftIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            DriftIndex.Entry e = new DriftIndex.Entry(i);
            index.file(e, classKey);
            if (i % 4 != 0) {
                index.reference(e, -1 + i * 0.1, false);
            }
            entries.add(e);
        }
        index.reference(entries.get(39), 1.5, true); // another authority's: never listed
        DriftIndex.Safe safe = DriftIndex.safeAround(0.9, TOLERANCE);
        List<DriftIndex.Entry> unsafe = new ArrayList<>();
        index.unsafe(classKey, safe, unsafe);
        for (DriftIndex.Entry e : entries) {
            boolean expected = !e.foreign && (Double.isNaN(e.reference) ? safe.unpublished()
                    : e.reference <= safe.low() || e.reference >= safe.high());
            assertThat(unsafe.contains(e)).as("entry %d (reference %s)", e.key, e.reference).isEqualTo(expected);
        }
        assertThat(unsafe).isNotEmpty();
        DriftIndex.Safe hot = DriftIndex.safeAround(2.2, TOLERANCE);
        List<DriftIndex.Entry> inHotBin = new ArrayList<>();
        index.unsafe(classKey, hot, inHotBin);
        assertThat(inHotBin).as("unpublished cells are news once the class is in a hot bin")
                .contains(entries.get(0), entries.get(4));
        entries.forEach(index::remove);
        assertThat(index.classes()).isZero();
    }
    /**
     * The index against a plain scan of its entries under random filing, refiling, references
     * (ties, ±0, NaN: unpublished, foreign) and removals: every class's unsafe cells, by class and
     * all classes at once, are exactly those of the scan.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5})
    void unsafeCellsAreThoseOfAPlainScan(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DriftIndex index = new DriftIndex();
        List<DriftIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(new DriftIndex.Entry(random.nextInt(3) == 0 ? i : 1_000_000L * i - 7));
        }
        long[] classKeys = {DriftIndex.classKey(0, 9), DriftIndex.classKey(1, 9), DriftIndex.classKey(3, 21),
                DriftIndex.classKey(12, 29), DriftIndex.NONE};
        double[] references = {Double.NaN, 0.0, -0.0, 0.5, -0.5, 1.2, 2.0, -2.0, 3.3, 0.25};
        java.util.Map<Long, Double> zOf = new java.util.HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            DriftIndex.Entry e = entries.get(random.nextInt(entries.size()));
            switch (random.nextInt(5)) {
                case 0, 1 -> index.file(e, classKeys[random.nextInt(classKeys.length)]);
                case 2 -> index.reference(e, random.nextBoolean() ? references[random.nextInt(references.length)]
                        : (random.nextDouble() - 0.5) * 8, random.nextInt(10) == 0);
                case 3 -> index.reference(e, e.reference, e.foreign); // the same again: a no-op
                default -> {
                    if (random.nextInt(4) == 0) {
                        index.remove(e);
                    } else {
                        index.file(e, e.classKey);
                    }
                }
            }
            if (step % 97 != 0) {
                continue;
            }
            for (long classKey : classKeys) {
                zOf.put(classKey, random.nextInt(8) == 0 ? references[random.nextInt(references.length)]
                        : (random.nextDouble() - 0.5) * 8);
            }
            java.util.Set<DriftIndex.Entry> all = new java.util.HashSet<>();
            for (long classKey : classKeys) {
                DriftIndex.Safe safe = DriftIndex.safeAround(zOf.get(classKey), TOLERANCE);
                java.util.Set<DriftIndex.Entry> expected = new java.util.HashSet<>();
                for (DriftIndex.Entry x : entries) {
                    if (x.classKey == classKey && classKey != DriftIndex.NONE && !x.foreign
                            && (safe.all() || (Double.isNaN(x.reference) ? safe.unpublished()
                                    : x.reference <= safe.low() || x.reference >= safe.high()))) {
                        expected.add(x);
                    }
                }
                List<DriftIndex.Entry> got = new ArrayList<>();
                index.unsafe(classKey, safe, got);
                assertThat(got).as("class %d at step %d: no duplicates", classKey, step).hasSameSizeAs(expected);
                assertThat(new java.util.HashSet<>(got)).as("class %d at step %d", classKey, step).isEqualTo(expected);
                all.addAll(expected);
            }
            List<DriftIndex.Entry> got = new ArrayList<>();
            index.unsafe(classKey -> DriftIndex.safeAround(zOf.get(classKey), TOLERANCE), got);
            assertThat(got).as("all classes at step %d: no duplicates", step).hasSameSizeAs(all);
            assertThat(new java.util.HashSet<>(got)).as("all classes at step %d", step).isEqualTo(all);
        }
        entries.forEach(index::remove);
        assertThat(index.classes()).isZero();
    }
}
