package org.ember.geo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.ember.geo.fixtures.ReferenceTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DBSCAN labels and core flags against R dbscan::dbscan / is.corepoint on 2,143 real violence
 * locations in central Cardiff (police.uk snapped points, so many exact duplicates): see
 * src/test/resources/reference/make_hotspot_cluster_reference.R.
 */
class DbscanReferenceTest {
    private static final ReferenceTable POINTS = ReferenceTable.load("cardiff_violence_points.csv");
    private static final ReferenceTable R_LABELS = ReferenceTable.load("cardiff_violence_points_dbscan.csv");

    @ParameterizedTest(name = "eps={0}, minPts={1}")
    @CsvSource({"150, 5", "75, 4", "300, 25"})
    void labelsAndCoresEqualRDbscanExactly(double eps, int minPts) {
        assertThat(POINTS.texts("id")).isEqualTo(R_LABELS.texts("id"));
        Clustering clustering = Dbscan.cluster(POINTS.numbers("x"), POINTS.numbers("y"), eps, minPts);
        String suffix = "_eps" + (int) eps + "_min" + minPts;
        double[] expectedLabels = R_LABELS.numbers("cluster" + suffix);
        double[] expectedCore = R_LABELS.numbers("core" + suffix);
        int mismatches = 0;
        for (int i = 0; i < expectedLabels.length; i++) {
            if (clustering.label(i) != (int) expectedLabels[i] || clustering.isCore(i) != (expectedCore[i] == 1)) {
                mismatches++;
            }
        }
        assertThat(mismatches).as("points whose label or core flag differs from R").isZero();
        assertThat(clustering.clusterCount()).isEqualTo((int) java.util.Arrays.stream(expectedLabels).max().orElse(0));
        assertThat(clustering.clusterCount()).as("the fixture has real clusters").isGreaterThan(1);
    }
}
