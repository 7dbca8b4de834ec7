package org.ember.geo.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.risk.AreaShape;
import org.ember.geo.testdata.SharedData;
import org.junit.jupiter.api.Test;

class AreaShapesTest {
    private final AreaShapes shapes = AreaShapes.of(AreaCatalogue.load(SharedData.dir(), org.ember.geo.testdata.SouthWalesCoverage.coverage()));

    @Test
    void cardiffAndItsLsoasHavePlausibleCentresAndSizes() {
        AreaShape cardiff = shapes.lad("W06000015");
        // Cardiff covers about 140 km²: a circle of about 6.7 km radius.
        assertThat(cardiff.radius()).isBetween(6_000.0, 7_500.0);
        ProjectedPoint cityHall = BritishNationalGrid.fromWgs84(-3.1787, 51.4861);
        assertThat(Math.hypot(cardiff.x() - cityHall.x(), cardiff.y() - cityHall.y())).isLessThan(5_000);
        AreaShape lsoa = shapes.lsoa("W01001694");
        assertThat(lsoa.parent()).isEqualTo("W06000015");
        assertThat(lsoa.radius()).isBetween(50.0, 3_000.0);
        assertThat(shapes.ladOf("W01001694")).isEqualTo("W06000015");
        assertThat(shapes.scanLocations("W06000015")).hasSize(214);
        assertThat(shapes.scanLocations("W06000015").get(0).x()).as("latitude first, as SaTScan").isBetween(51.3, 51.6);
    }

    @Test
    void aPointOnTheCardiffValeBorderReachesBothAuthorities() {
        // Ely Bridge, where Cardiff meets the Vale of Glamorgan.
        ProjectedPoint border = BritishNationalGrid.fromWgs84(-3.2420, 51.4740);
        assertThat(shapes.ladsWithin(border.x(), border.y(), 400)).contains("W06000015");
        ProjectedPoint centre = BritishNationalGrid.fromWgs84(-3.1790, 51.4790);
        assertThat(shapes.ladsWithin(centre.x(), centre.y(), 400)).containsExactly("W06000015");
    }
}
