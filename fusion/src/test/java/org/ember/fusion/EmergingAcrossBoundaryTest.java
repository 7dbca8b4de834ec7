package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.geo.emerging.HotSpotCategory;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.grid.GridCell;
import org.ember.geo.layers.EmergingCells;
import org.ember.geo.area.Placement;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4: emerging hot spots see across a local-authority boundary. Culverhouse Cross,
 * cell {@code 250m:1255:701}, belongs to Cardiff (its centre) but its south-east corner is in the
 * Vale of Glamorgan. A run of assaults on the Vale side in the last three days makes it a new hot
 * spot; Cardiff, which alone publishes the cell, gets its category from the Vale's incidents (its
 * halo) even though none of its own incidents are in it.
 */
class EmergingAcrossBoundaryTest {
    private static final String VALE = "W06000014";
    private static final GridCell BOUNDARY = new GridCell(250, 1255, 701);
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final Instant FIRST_DAY = Instant.parse("2025-03-03T00:00:00Z");

    private static Placement in(GridCell cell, double fx, double fy) {
        LonLat p = BritishNationalGrid.toWgs84(cell.minX() + fx * cell.sizeMetres(), cell.minY() + fy * cell.sizeMetres());
        return FusionFixtures.place(p.lon(), p.lat());
    }

    @Test
    void aNewHotSpotOnTheOtherSideOfTheBoundaryIsCategorisedByTheCellsOwner() {
        FusionSettings settings = FusionFixtures.withScanReplications(19);
        int steps = settings.hotspots().emergingSteps();
        LadDriver cardiff = new LadDriver(FusionFixtures.CARDIFF, settings);
        AreaRoute route = new AreaRoute(new CellOwners(FusionFixtures.SHAPES, settings.hotspots()));
        Placement valeSide = in(BOUNDARY, 0.9, 0.1);
        assertThat(valeSide.lad()).isEqualTo(VALE);
        assertThat(valeSide.cell()).isEqualTo(BOUNDARY.id());

        // Cardiff's own streets around the junction, none in the boundary cell: the cube's background.
        SplittableRandom random = new SplittableRandom(7);
        List<Placement> cardiffStreets = new ArrayList<>();
        while (cardiffStreets.size() < 60) {
            var placed = FusionFixtures.PLACER.placeLonLat(-3.262 + 0.03 * random.nextDouble(), 51.452 + 0.03 * random.nextDouble());
            if (placed.placed() && FusionFixtures.CARDIFF.equals(placed.placement().lad())
                    && !BOUNDARY.id().equals(placed.placement().cell())) {
                cardiffStreets.add(placed.placement());
            }
        }
        int n = 0;
        int halos = 0;
        for (int day = 0; day < steps; day++) {
            long start = FIRST_DAY.toEpochMilli() + day * DAY;
            List<LinkedIncident> today = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                today.add(FusionFixtures.assault("LI-c" + n++, Instant.ofEpochMilli(start + (2 + 3 * k) * 3_600_000L),
                        cardiffStreets.get(random.nextInt(cardiffStreets.size()))));
            }
            int planted = day - (steps - 3); // 4, 5 and 6 in the last three days
            for (int k = 0; planted >= 0 && k < planted + 4; k++) {
                today.add(FusionFixtures.assault("LI-v" + n++, Instant.ofEpochMilli(start + (20 * 60 + 7 * k) * 60_000L), valeSide));
            }
            today.sort(java.util.Comparator.comparingLong(LinkedIncident::eventTime));
            for (LinkedIncident incident : today) {
                cardiff.advanceTo(incident.eventTime());
                for (AreaDelivery d : route.route(incident, List.of())) {
                    if (d.lad().equals(FusionFixtures.CARDIFF)) {
                        halos += d.halo() ? 1 : 0;
                        cardiff.delivery(d);
                    }
                }
            }
        }
        cardiff.advanceTo(FIRST_DAY.toEpochMilli() + steps * DAY + 3_600_000L); // past the last local midnight

        assertThat(halos).as("the Vale's assaults reach Cardiff as its halo").isEqualTo(15);
        String category = cardiff.state.emerging().get(BOUNDARY.id());
        assertThat(category).as("the boundary cell's category in Cardiff's state").isNotNull();
        assertThat(EmergingCells.hotNow(HotSpotCategory.valueOf(category))).as(category).isTrue();
        List<HotspotUpdate> published = cardiff.out.of(HotspotUpdate.CELL_SCORED).stream()
                .filter(u -> u.areaId().equals(BOUNDARY.id())).toList();
        assertThat(published).as("Cardiff publishes the cell").isNotEmpty();
        assertThat(published.get(published.size() - 1).labels()).containsEntry("emerging",
                HotSpotCategory.valueOf(category).label());
    }
}
