package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import org.ember.geo.layers.AreaShapes;
import org.junit.jupiter.api.Test;

/**
 * An area key's {@link AreaLayer.Name} carries the shape that looking it up by layer and code at every
 * evaluation gave (risk reads it): an LSOA's, the authority's, and none for a code not covered.
 */
class AreaLayerNameTest {
    private static final AreaShapes SHAPES = FusionFixtures.SHAPES;

    @Test
    void carriesTheShapeLookingUpByLayerAndCodeGives() {
        String lsoa = SHAPES.scanLocations(FusionFixtures.CARDIFF).get(0).id();
        AreaLayer.Name name = AreaLayer.Name.of("lsoa:" + lsoa, SHAPES);
        assertThat(name.layer()).isEqualTo("lsoa");
        assertThat(name.code()).isEqualTo(lsoa);
        assertThat(name.shape()).isNotNull().isSameAs(SHAPES.shape("lsoa", lsoa));

        AreaLayer.Name lad = AreaLayer.Name.of("lad:" + FusionFixtures.CARDIFF, SHAPES);
        assertThat(lad.shape()).isNotNull().isSameAs(SHAPES.shape("lad", FusionFixtures.CARDIFF))
                .isNotSameAs(SHAPES.lsoa(FusionFixtures.CARDIFF));

        assertThat(AreaLayer.Name.of("lsoa:W01999999", SHAPES).shape()).isNull();
        assertThat(AreaLayer.Name.of("lsoa:" + FusionFixtures.CARDIFF, SHAPES).shape()).isNull(); // a code of the other layer
    }
}
