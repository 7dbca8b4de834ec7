package org.ember.geo.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.ember.geo.testdata.SharedData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class TopoJsonBoundaryTest {

    @Test
    void localAuthoritiesAreReadFromTopoJsonWithTheirShapes() {
        List<Area> lads = BoundaryFiles.read(SharedData.dir().resolve("boundaries/gb_lad_topo.json"), Area.LAD,
                "LAD13CD", "LAD13NM", null);
        assertThat(lads).hasSize(380);
        Area bristol = lads.stream().filter(a -> a.code().equals("E06000023")).findFirst().orElseThrow();
        assertThat(bristol.name()).isEqualTo("Bristol, City of");
        GeometryFactory factory = new GeometryFactory();
        // The Centre (Bristol) lies inside Bristol; Bath does not.
        assertThat(bristol.geometry().contains(factory.createPoint(new Coordinate(-2.5966, 51.4537)))).isTrue();
        assertThat(bristol.geometry().contains(factory.createPoint(new Coordinate(-2.3590, 51.3811)))).isFalse();
        assertThat(bristol.geometry().getArea()).isBetween(0.01, 0.03);
    }

    @Test
    void aCatalogueOfAnEnglishForceReadsItsOwnFolderAndTopoJsonNames() {
        List<String> lads = List.of("E06000022", "E06000023");
        AreaSources sources = AreaSources.onsPattern("boundaries/avon_and_somerset_lsoa11_by_lad/{lad}.json", lads,
                "boundaries/gb_lad_topo.json", "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz", null);
        AreaCatalogue catalogue = AreaCatalogue.load(SharedData.dir(), new Coverage("test-avon", lads, sources));
        assertThat(catalogue.lsoas()).hasSize(115 + 263);
        assertThat(catalogue.ladName("E06000022")).isEqualTo("Bath and North East Somerset");
        assertThat(Map.copyOf(catalogue.ladNames())).containsEntry("E06000023", "Bristol, City of");
        assertThat(catalogue.lsoaIndex().locate(-2.5966, 51.4537)).isPresent();
    }
}
