package org.ember.geo.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.fixtures.ReferenceTable;
import org.ember.geo.neighbours.NeighbourList;
import org.junit.jupiter.api.Test;

/**
 * Gi and Gi* against R spdep::localG on real counts (South Wales violence, Jan–Mar 2025):
 * see src/test/resources/reference/make_hotspot_cluster_reference.R.
 */
class GetisOrdReferenceTest {
    private static final double TOLERANCE = 1e-9;
    private static final double BAND = 2500;

    private static final ReferenceTable CELLS = ReferenceTable.load("cardiff_violence_cells.csv");
    private static final ReferenceTable CELLS_R = ReferenceTable.load("cardiff_violence_cells_localG_2500m.csv");
    private static final ReferenceTable LSOA = ReferenceTable.load("cardiff_violence_lsoa_queen.csv");
    private static final ReferenceTable LSOA_R = ReferenceTable.load("cardiff_violence_lsoa_queen_localG.csv");

    @Test
    void fixturesAreTheSameCellsInTheSameOrder() {
        assertThat(CELLS.texts("id")).isEqualTo(CELLS_R.texts("id"));
        assertThat(LSOA.texts("id")).isEqualTo(LSOA_R.texts("id"));
        assertThat(CELLS.size()).isEqualTo(180);
    }

    @Test
    void giStarBinaryDistanceBandMatchesSpdep() {
        assertZ(cellResults(GiOptions.giStar()), CELLS_R.numbers("z_star_binary"));
    }

    @Test
    void giStarRowStandardisedDistanceBandMatchesSpdep() {
        assertZ(cellResults(GiOptions.giStar().withWeighting(Weighting.ROW_STANDARDISED)), CELLS_R.numbers("z_star_row"));
    }

    @Test
    void giWithoutSelfBinaryMatchesSpdep() {
        assertZ(cellResults(GiOptions.giStar().withSelf(false)), CELLS_R.numbers("z_gi_binary"));
    }

    @Test
    void giWithoutSelfRowStandardisedMatchesSpdep() {
        assertZ(cellResults(new GiOptions(Weighting.ROW_STANDARDISED, false, false)), CELLS_R.numbers("z_gi_row"));
    }

    @Test
    void pValuesAndBenjaminiHochbergMatchR() {
        List<HotSpot> plain = cellResults(GiOptions.giStar());
        List<HotSpot> fdr = cellResults(GiOptions.giStar().withFalseDiscoveryRate(true));
        double[] p = CELLS_R.numbers("p_star_binary");
        double[] q = CELLS_R.numbers("p_bh_star_binary");
        for (int i = 0; i < p.length; i++) {
            assertThat(plain.get(i).p()).as("p of %s", CELLS.text(i, "id")).isCloseTo(p[i], within(TOLERANCE));
            assertThat(plain.get(i).pAdjusted()).isEqualTo(plain.get(i).p());
            assertThat(fdr.get(i).pAdjusted()).as("BH p of %s", CELLS.text(i, "id")).isCloseTo(q[i], within(TOLERANCE));
        }
    }

    @Test
    void binsFollowZSignAndRReferenceSignificance() {
        List<HotSpot> plain = cellResults(GiOptions.giStar());
        List<HotSpot> fdr = cellResults(GiOptions.giStar().withFalseDiscoveryRate(true));
        double[] z = CELLS_R.numbers("z_star_binary");
        double[] p = CELLS_R.numbers("p_star_binary");
        double[] q = CELLS_R.numbers("p_bh_star_binary");
        int significantPlain = 0;
        int significantFdr = 0;
        for (int i = 0; i < z.length; i++) {
            assertThat(plain.get(i).bin()).isEqualTo(expectedBin(z[i], p[i]));
            assertThat(fdr.get(i).bin()).isEqualTo(expectedBin(z[i], q[i]));
            significantPlain += plain.get(i).bin() != 0 ? 1 : 0;
            significantFdr += fdr.get(i).bin() != 0 ? 1 : 0;
        }
        // The data has real hot spots, and FDR can only remove significance.
        assertThat(significantPlain).isPositive();
        assertThat(significantFdr).isLessThanOrEqualTo(significantPlain);
    }

    @Test
    void giStarWithGivenQueenContiguityMatchesSpdep() {
        List<String> ids = LSOA.texts("id");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        List<int[]> lists = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String text = LSOA.text(i, "neighbours");
            lists.add(text.isEmpty() ? new int[0]
                    : java.util.Arrays.stream(text.split(";")).mapToInt(index::get).toArray());
        }
        NeighbourList queen = NeighbourList.of(lists);
        double[] values = LSOA.numbers("value");
        assertZ(GetisOrd.compute(values, queen, GiOptions.giStar()), LSOA_R.numbers("z_star_binary"));
        assertZ(GetisOrd.compute(values, queen, GiOptions.giStar().withWeighting(Weighting.ROW_STANDARDISED)),
                LSOA_R.numbers("z_star_row"));
    }

    private static int expectedBin(double z, double p) {
        int level = p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.10 ? 1 : 0;
        return (int) Math.signum(z) * level;
    }

    private static List<HotSpot> cellResults(GiOptions options) {
        NeighbourList nb = NeighbourList.withinDistance(CELLS.numbers("x"), CELLS.numbers("y"), BAND);
        return GetisOrd.compute(CELLS.numbers("value"), nb, options);
    }

    private static void assertZ(List<HotSpot> actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i).z()).as("z of feature %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }
}
