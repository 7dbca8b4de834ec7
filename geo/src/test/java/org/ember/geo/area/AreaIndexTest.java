package org.ember.geo.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.ember.geo.testdata.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The raster fast path must give exactly the answer of the exact STR-tree path, everywhere. */
class AreaIndexTest {
    private static AreaIndex index;

    @BeforeAll
    static void allOfSouthWalesAndGwent() {
        index = AreaCatalogue.load(SharedData.dir(), org.ember.geo.testdata.SouthWalesCoverage.coverage()).lsoaIndex();
    }

    @RepeatedTest(3)
    void rasterAndTreeAgreeOnRandomPointsOverTheWholeExtent() {
        Random random = new Random(7L + System.identityHashCode(index) % 1); // seeded: same points every run
        for (int i = 0; i < 200_000; i++) {
            double lon = -4.4 + random.nextDouble() * 1.8;
            double lat = 51.35 + random.nextDouble() * 0.55;
            assertThat(index.locate(lon, lat).map(Area::code)).isEqualTo(index.locateByTree(lon, lat).map(Area::code));
        }
    }

    @Test
    void rasterAndTreeAgreeOnPointsHuggingBoundaries() {
        Random random = new Random(11L);
        int checked = 0;
        for (Area area : index.areas()) {
            for (var c : area.geometry().getCoordinates()) {
                for (int k = 0; k < 3; k++) {
                    double lon = c.x + (random.nextDouble() - 0.5) * 1e-5;
                    double lat = c.y + (random.nextDouble() - 0.5) * 1e-5;
                    assertThat(index.locate(lon, lat).map(Area::code))
                            .isEqualTo(index.locateByTree(lon, lat).map(Area::code));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100_000);
    }
}
