package org.ember.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BritishNationalGridTest {

    /** Bristol, checked against PROJ 9.1 cs2cs (../shared/STACK.md): E 359247.20, N 172999.52. */
    @Test
    void bristolMatchesProjWithTheDatumShift() {
        ProjectedPoint bristol = BritishNationalGrid.fromWgs84(-2.5879, 51.4545);
        assertThat(bristol.x()).isCloseTo(359247.20, within(0.05));
        assertThat(bristol.y()).isCloseTo(172999.52, within(0.05));
    }

    @RepeatedTest(5)
    void roundTripReturnsThePointWithinACentimetre() {
        Random random = new Random(20250101L);
        for (int i = 0; i < 200; i++) {
            double lon = -5 + random.nextDouble() * 6;
            double lat = 50.5 + random.nextDouble() * 3;
            ProjectedPoint grid = BritishNationalGrid.fromWgs84(lon, lat);
            LonLat back = BritishNationalGrid.toWgs84(grid.x(), grid.y());
            assertThat(back.lon()).isCloseTo(lon, within(1e-7));
            assertThat(back.lat()).isCloseTo(lat, within(1e-7));
        }
    }

    @Test
    void otherProjectedSystemsWorkByEpsgCode() {
        CrsTransform illinoisEast = new CrsTransform("EPSG:3435");
        ProjectedPoint chicago = illinoisEast.project(-87.6298, 41.8781);
        LonLat back = illinoisEast.unproject(chicago.x(), chicago.y());
        assertThat(back.lon()).isCloseTo(-87.6298, within(1e-7));
        assertThat(chicago.x()).isBetween(1_100_000.0, 1_200_000.0);
    }
}
