package org.ember.geo.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ember.geo.testdata.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AreaPlacerTest {
    private static AreaPlacer placer;

    @BeforeAll
    static void loadRealBoundaries() {
        placer = new AreaPlacer(AreaCatalogue.load(SharedData.dir(), org.ember.geo.testdata.SouthWalesCoverage.coverage()), 250);
    }

    @Test
    void loadsEveryLsoaOfTheSouthWalesAndGwentForceAreas() {
        // 1,909 Welsh LSOAs in all; the twelve authorities of the two force areas hold most of them.
        assertThat(placer.catalogue().lsoaIndex().size()).isBetween(1000, 1400);
        assertThat(placer.catalogue().ladName("W06000015")).isEqualTo("Cardiff");
    }

    @Test
    void cardiffCastleIsInCardiffWithItsGridCell() {
        AreaPlacer.Result result = placer.placeLonLat(-3.1810, 51.4822);
        assertThat(result.placed()).isTrue();
        assertThat(result.placement().lad()).isEqualTo("W06000015");
        assertThat(result.placement().lsoa()).startsWith("W01");
        assertThat(result.placement().cell()).startsWith("250m:");
        assertThat(result.placement().precise()).isTrue();
    }

    @Test
    void aGridReferenceIsPlacedLikeTheSameLonLat() {
        AreaPlacer.Result byLonLat = placer.placeLonLat(-3.9436, 51.6195);
        AreaPlacer.Result byGrid = placer.placeGrid(byLonLat.placement().easting(), byLonLat.placement().northing());
        assertThat(byGrid.placement().lsoa()).isEqualTo(byLonLat.placement().lsoa());
        assertThat(byGrid.placement().cell()).isEqualTo(byLonLat.placement().cell());
    }

    @Test
    void aPointInLondonIsOutsideCoverageWithAReason() {
        AreaPlacer.Result result = placer.placeLonLat(-0.1276, 51.5072);
        assertThat(result.placed()).isFalse();
        assertThat(result.failure()).startsWith("outside coverage").contains("south-wales-gwent");
    }

    @Test
    void anLsoaCodeAlonePlacesAtItsInteriorPointWithoutACell() {
        AreaPlacer.Result result = placer.placeLsoa("W01001694");
        assertThat(result.placement().lsoa()).isEqualTo("W01001694");
        assertThat(result.placement().cell()).isNull();
        assertThat(result.placement().precise()).isFalse();
        assertThat(placer.catalogue().lsoaIndex().locate(result.placement().lon(), result.placement().lat()))
                .hasValueSatisfying(a -> assertThat(a.code()).isEqualTo("W01001694"));
    }

    @Test
    void aPostcodeDistrictPlacesInItsLocalAuthorityOnly() {
        AreaPlacer.Result result = placer.placePostcodeDistrict("np20");
        assertThat(result.placement().lad()).isEqualTo("W06000022");
        assertThat(result.placement().lsoa()).isNull();
        assertThat(placer.placePostcodeDistrict("SW1A").failure()).contains("SW1A");
    }

    /**
     * police.uk gives each crime's 2021 LSOA, assigned from the true location before the point was
     * snapped to an anonymous map point that can lie across the boundary; our 2011 polygons are
     * also generalised. So agreement is high but not total, while the disagreeing points must still
     * fall in a touching LSOA and practically none may go unplaced.
     */
    @Test
    void agreesWithPoliceUkLsoasOnRealCardiffRecords() throws Exception {
        Path file = SharedData.dir().resolve("police/south-wales/2025-03-south-wales-street.csv.gz");
        int compared = 0;
        int agreed = 0;
        int adjacent = 0;
        int unplaced = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null && compared < 3000) {
                String[] cells = line.split(",", -1);
                if (cells[4].isEmpty() || !cells[8].startsWith("Cardiff")) {
                    continue;
                }
                AreaPlacer.Result result = placer.placeLonLat(Double.parseDouble(cells[4]), Double.parseDouble(cells[5]));
                String expected = placer.catalogue().lsoa(cells[7]).map(Area::code).orElse(cells[7]);
                compared++;
                if (!result.placed()) {
                    unplaced++;
                } else if (result.placement().lsoa().equals(expected)) {
                    agreed++;
                } else if (placer.catalogue().lsoa(expected).map(a -> a.geometry().distance(
                        placer.catalogue().lsoa(result.placement().lsoa()).orElseThrow().geometry()) < 0.005)
                        .orElse(false)) {
                    adjacent++;
                }
            }
        }
        assertThat(compared).isEqualTo(3000);
        assertThat(agreed / (double) compared).isGreaterThan(0.80);
        assertThat((agreed + adjacent) / (double) compared).isGreaterThan(0.97);
        assertThat(unplaced).isLessThan(10);
    }
    /**
     * The memo must give exactly what a fresh placement gives (LSOA, authority, cell, coordinates
     * to the bit, failure reason), for points seen once or many times, on and near polygon edges and
     * vertices, outside coverage, and with more distinct points than the memo holds.
     */
    @Test
    void aRememberedPlacementIsExactlyAFreshOne() {
        AreaPlacer memoised = new AreaPlacer(placer.catalogue(), 250);
        java.util.Random random = new java.util.Random(5L);
        java.util.List<double[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < 40_000; i++) { // over the whole extent and beyond it (England, the sea)
            points.add(new double[] {-4.6 + random.nextDouble() * 2.4, 51.2 + random.nextDouble() * 0.9});
        }
        for (Area area : placer.catalogue().lsoaIndex().areas()) {
            var coordinates = area.geometry().getCoordinates();
            for (int k = 0; k + 1 < coordinates.length; k += 7) {
                var a = coordinates[k];
                var b = coordinates[k + 1];
                points.add(new double[] {a.x, a.y}); // a vertex
                points.add(new double[] {(a.x + b.x) / 2, (a.y + b.y) / 2}); // on (or within an ulp of) an edge
                points.add(new double[] {Math.nextUp(a.x), Math.nextDown(a.y)});
            }
        }
        points.add(new double[] {-0.1276, 51.5072});
        points.add(new double[] {0.0, -0.0});
        assertThat(points.size()).isGreaterThan(40_000 + 20_000);
        int placed = 0;
        int outside = 0;
        for (int round = 0; round < 2; round++) {
            java.util.Collections.shuffle(points, random);
            for (double[] p : points) {
                AreaPlacer.Result fresh = placer.placeLonLatAfresh(p[0], p[1]);
                AreaPlacer.Result first = memoised.placeLonLat(p[0], p[1]);
                assertThat(first).isEqualTo(fresh);
                AreaPlacer.Result second = memoised.placeLonLat(p[0], p[1]);
                assertThat(second).isSameAs(first); // remembered, not placed again
                if (first.placed()) {
                    placed++;
                    assertThat(Double.doubleToRawLongBits(second.placement().easting()))
                            .isEqualTo(Double.doubleToRawLongBits(fresh.placement().easting()));
                    assertThat(Double.doubleToRawLongBits(second.placement().northing()))
                            .isEqualTo(Double.doubleToRawLongBits(fresh.placement().northing()));
                } else {
                    outside++;
                    assertThat(second.failure()).isEqualTo(fresh.failure());
                }
            }
        }
        assertThat(placed).isGreaterThan(30_000);
        assertThat(outside).isGreaterThan(10_000);
    }
}
