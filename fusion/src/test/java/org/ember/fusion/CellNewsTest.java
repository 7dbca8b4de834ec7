package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CellNews} tells news from the numbers exactly as comparing the maps a cell's evaluation
 * builds does (labels by {@code equals}, values by {@link Publish#materially}), on random published
 * maps near the evaluation's: equal, a count or member off by one, z nudged within and beyond the
 * tolerance, to and from zero, labels missing, extra or different, maps of other shapes.
 */
class CellNewsTest {
    private static final double TOLERANCE = CellLayer.Z_TOLERANCE;

    @Test
    void tellsNewsAsComparingTheBuiltMapsDoes() {
        SplittableRandom random = new SplittableRandom(17);
        int[] news = new int[2];
        int[] labelNews = new int[2];
        for (int i = 0; i < 200_000; i++) {
            double count = random.nextInt(4);
            double z = switch (random.nextInt(4)) {
                case 0 -> 0.0;
                case 1 -> Math.round(random.nextDouble(-0.6, 0.6) * 1e6) / 1e6;
                default -> Math.round(random.nextDouble(-4, 4) * 1e6) / 1e6;
            };
            double members = random.nextInt(3);
            Map<String, Double> built = new LinkedHashMap<>();
            built.put(CellLayer.CELL_COUNT, count);
            built.put(CellLayer.GI_Z, z);
            built.put(CellNews.CLUSTER_MEMBERS, members);
            Map<String, Double> published = new HashMap<>(built);
            switch (random.nextInt(9)) {
                case 0 -> published.put(CellLayer.CELL_COUNT, count + 1);
                case 1 -> published.put(CellNews.CLUSTER_MEMBERS, members + (random.nextBoolean() ? 1 : -1));
                case 2 -> published.put(CellLayer.GI_Z, z + random.nextDouble(-0.6, 0.6));
                case 3 -> published.put(CellLayer.GI_Z, random.nextBoolean() ? 0.0 : random.nextDouble(-0.3, 0.3));
                case 4 -> published.remove(List.of(CellLayer.CELL_COUNT, CellLayer.GI_Z, CellNews.CLUSTER_MEMBERS)
                        .get(random.nextInt(3)));
                case 5 -> published.put("gi_z_max", z);
                case 6 -> {
                    published.remove(CellNews.CLUSTER_MEMBERS);
                    published.put("cluster_size", members);
                }
                default -> { } // the same values
            }
            boolean expected = Publish.materially(published, built, TOLERANCE);
            assertThat(CellNews.materially(published, count, z, members, TOLERANCE))
                    .as("published %s, evaluated %s", published, built).isEqualTo(expected);
            news[expected ? 1 : 0]++;

            String bin = Integer.toString(random.nextInt(-3, 4));
            String hot = Boolean.toString(random.nextBoolean());
            String lsoa = random.nextBoolean() ? null : "W0100170" + random.nextInt(3);
            String emerging = random.nextInt(3) == 0 ? "New hot spot" : null;
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("bin", bin);
            labels.put("hot", hot);
            if (lsoa != null) {
                labels.put("lsoa", lsoa);
            }
            if (emerging != null) {
                labels.put("emerging", emerging);
            }
            Map<String, String> shown = new HashMap<>(labels);
            switch (random.nextInt(8)) {
                case 0 -> shown.put("bin", Integer.toString(Integer.parseInt(bin) + 1));
                case 1 -> shown.put("hot", Boolean.toString(!Boolean.parseBoolean(hot)));
                case 2 -> shown.put("lsoa", "W01001709");
                case 3 -> shown.remove(new ArrayList<>(labels.keySet()).get(random.nextInt(labels.size())));
                case 4 -> shown.put("emerging", "Sporadic hot spot");
                default -> { } // the same labels
            }
            boolean same = shown.equals(labels);
            assertThat(CellNews.sameLabels(shown, bin, hot, lsoa, emerging)).as("shown %s, evaluated %s", shown, labels)
                    .isEqualTo(same);
            labelNews[same ? 0 : 1]++;
        }
        assertThat(news[0]).as("no news").isGreaterThan(50_000);
        assertThat(news[1]).as("news").isGreaterThan(50_000);
        assertThat(labelNews[0]).as("same labels").isGreaterThan(50_000);
        assertThat(labelNews[1]).as("other labels").isGreaterThan(50_000);
    }
}
