package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.ember.geo.area.Placement;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.geo.grid.GridCell;
import org.ember.geo.layers.HotspotSettings;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.api.Test;

/** Cell owners and the routing of linked incidents to authorities, at the Cardiff / Vale boundary. */
class AreaRouteTest {
    private static final String CARDIFF = "W06000015";
    private static final String VALE = "W06000014";
    /** Culverhouse Cross: centre in Cardiff, south-east corner in the Vale. */
    private static final GridCell BOUNDARY = new GridCell(250, 1255, 701);
    private static final Instant T = FusionFixtures.FRIDAY_22H;

    private final CellOwners owners = new CellOwners(FusionFixtures.SHAPES, HotspotSettings.defaults());
    private final AreaRoute route = new AreaRoute(owners);

    private static Placement in(GridCell cell, double fx, double fy) {
        LonLat p = BritishNationalGrid.toWgs84(cell.minX() + fx * cell.sizeMetres(), cell.minY() + fy * cell.sizeMetres());
        return FusionFixtures.place(p.lon(), p.lat());
    }

    /**
     * The halo reaches as far as the Gi* needs (2 · ceil(1.5) = 4 cells) or the clustering needs (two
     * radii, 400 m = 2 cells, and two more), whichever is further: equal at the defaults, the
     * clustering's with a wider radius, and so do the authorities it reaches.
     */
    @Test
    void theHaloReachesTwoClusterRadiiAndTwoCellsWhenThatIsFurtherThanTheGiStarNeeds() {
        HotspotSettings defaults = HotspotSettings.defaults();
        assertThat(owners.reach(250)).isEqualTo(4);
        CellOwners wide = new CellOwners(FusionFixtures.SHAPES,
                defaults.withClusters(500, defaults.clusterEpsTime(), defaults.clusterMinPts()));
        assertThat(wide.reach(250)).as("ceil(1000 / 250) + 2").isEqualTo(6);
        // Going north from the boundary cell, the first Cardiff cell the Gi* halo no longer takes to the
        // Vale (the nearest Vale cell five cells away) is still within the wider halo.
        GridCell inCardiff = null;
        for (int row = 702; row < 730 && inCardiff == null; row++) {
            GridCell c = new GridCell(250, 1255, row);
            if (CARDIFF.equals(owners.owner(c.id())) && !owners.haloOf(CARDIFF, c.id()).contains(VALE)) {
                inCardiff = c;
            }
        }
        assertThat(inCardiff).as("a Cardiff cell beyond the Gi* halo of the Vale").isNotNull();
        assertThat(wide.haloOf(CARDIFF, inCardiff.id())).contains(VALE);
    }

    @Test
    void aCellBelongsToTheAuthorityOfItsCentreAndItsNeighboursIncidentsReachIt() {
        assertThat(owners.owner(BOUNDARY.id())).isEqualTo(CARDIFF);
        assertThat(in(BOUNDARY, 0.9, 0.1).lad()).as("the cell's corner lies in the Vale").isEqualTo(VALE);
        assertThat(owners.owner(new GridCell(250, 1256, 701).id())).isEqualTo(VALE);
        assertThat(owners.haloOf(VALE, BOUNDARY.id())).containsExactly(CARDIFF);
        assertThat(owners.haloOf(CARDIFF, BOUNDARY.id())).containsExactly(VALE);
        String cityCentre = FusionFixtures.cardiffCentre().cell();
        assertThat(owners.haloOf(CARDIFF, cityCentre)).as("nowhere near a boundary").isEmpty();
        assertThat(owners.owner(new GridCell(250, 0, 0).id())).as("outside the coverage").isNull();
        assertThat(owners.publishes(CARDIFF, new GridCell(250, 0, 0).id(), true)).isTrue();
        assertThat(owners.publishes(VALE, BOUNDARY.id(), true)).isFalse();
    }

    @Test
    void anIncidentThatMovesAcrossTheBoundaryIsWithdrawnFromWhereItNoLongerReaches() {
        // Founded by an attendance placed by its Cardiff LSOA only: no cell, no halo.
        Placement lsoaOnly = FusionFixtures.PLACER.placeLsoa("W01001703").placement();
        LinkedIncident founded = FusionFixtures.incident("LI-ae:1", 1, "created", false, T, lsoaOnly, List.of("ae"), true,
                0, "15-17");
        List<AreaDelivery> first = route.route(founded, List.of());
        assertThat(first).containsExactly(new AreaDelivery(CARDIFF, false, founded));
        assertThat(AreaRoute.holding(first)).containsExactly(CARDIFF);

        // The police point in the Vale corner of the boundary cell joins it: it is the Vale's now, and a halo in Cardiff.
        LinkedIncident joined = FusionFixtures.incident("LI-ae:1", 2, "joined", false, T, in(BOUNDARY, 0.55, 0.15),
                List.of("ae", "police"), true, 0, "15-17");
        List<AreaDelivery> second = route.route(joined, AreaRoute.holding(first));
        assertThat(second).containsExactly(new AreaDelivery(VALE, false, joined), new AreaDelivery(CARDIFF, true, joined));

        // A correction moves it deep into the Vale (Barry): Cardiff is told to let it go.
        Placement barry = FusionFixtures.place(-3.2700, 51.4050);
        LinkedIncident moved = FusionFixtures.incident("LI-ae:1", 3, "corrected", false, T, barry, List.of("ae", "police"),
                true, 0, "15-17");
        List<AreaDelivery> third = route.route(moved, AreaRoute.holding(second));
        assertThat(third).hasSize(2);
        assertThat(third.get(0)).isEqualTo(new AreaDelivery(VALE, false, moved));
        assertThat(third.get(1).lad()).isEqualTo(CARDIFF);
        assertThat(third.get(1).incident().cancelled()).isTrue();
        assertThat(third.get(1).incident().incidentId()).isEqualTo("LI-ae:1");
        assertThat(AreaRoute.holding(third)).containsExactly(VALE);

        LinkedIncident cancelled = FusionFixtures.incident("LI-ae:1", 4, "cancelled", true, T, barry, List.of("ae"), true,
                0, "15-17");
        assertThat(AreaRoute.holding(route.route(cancelled, AreaRoute.holding(third)))).isEmpty();
    }

    @Test
    void aHaloCountsInTheNeighboursGiStarOfItsOwnCellsOnlyAndGoesWhenWithdrawn() {
        FusionContext context = FusionContext.of(org.ember.geo.fusion.FusionSettings.defaults(), FusionFixtures.SHAPES, null);
        LadState cardiff = FusionFixtures.memoryState();
        FusionFixtures.Collected out = new FusionFixtures.Collected();
        LadCache cache = new LadCache(context);
        LadAnalytics analytics = new LadAnalytics(CARDIFF, context, cardiff, cache, out);
        long t = T.toEpochMilli();
        LinkedIncident vale = FusionFixtures.assault("LI-v", T, in(BOUNDARY, 0.9, 0.1));
        analytics.onDelivery(new AreaDelivery(CARDIFF, true, vale), t);
        assertThat(cardiff.events().isEmpty()).as("a halo is no incident of Cardiff's").isTrue();
        assertThat(cardiff.halo().get("LI-v")).isNotNull();
        analytics.onTimer(LadAnalytics.nextHour(t));
        var scored = out.of(org.ember.model.fusion.HotspotUpdate.CELL_SCORED);
        assertThat(scored).extracting(h -> h.areaId()).as("Cardiff scores its boundary cell from the halo").contains(BOUNDARY.id());
        assertThat(scored).allSatisfy(h -> assertThat(owners.owner(h.areaId())).isEqualTo(CARDIFF));
        assertThat(out.metrics).noneMatch(m -> m.layer().equals("lsoa") && m.values().getOrDefault(
                "incidents{window=7d,kind=all}", 0.0) > 0);
        analytics.onDelivery(new AreaDelivery(CARDIFF, true, AreaRoute.withdrawn(vale)), LadAnalytics.nextHour(t) + 1);
        assertThat(cardiff.halo().isEmpty()).isTrue();
    }
}
