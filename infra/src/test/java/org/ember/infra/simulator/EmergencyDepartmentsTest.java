package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmergencyDepartmentsTest {

    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource({
        "Cardiff city centre,   -3.1791, 51.4816, 7A4BV",
        "Swansea city centre,   -3.9436, 51.6214, 7A3C7",
        "Bridgend town centre,  -3.5777, 51.5043, 7A3C4",
        "Pontypridd,            -3.3420, 51.6010, 7A5B1",
        "Merthyr Tydfil,        -3.3780, 51.7480, 7A5B3",
        "Newport city centre,   -2.9977, 51.5880, 7A6G9",
    })
    void aCasualtyGoesToTheNearestMajorDepartment(String place, double lon, double lat, String siteCode) {
        ProjectedPoint p = BritishNationalGrid.fromWgs84(lon, lat);

        assertThat(SimulatorFixtures.area().departments().nearest(p.x(), p.y()).siteCode()).isEqualTo(siteCode);
    }
}
