package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.grid.GridCell;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.metrics.AreaMetrics;
import org.junit.jupiter.api.Test;

/**
 * A space-time cluster across the Cardiff / Vale of Glamorgan boundary at Culverhouse Cross (cell
 * {@code 250m:1255:701}, its centre in Cardiff, its south-east in the Vale): five stabbings within
 * about 100 m and eight hours, two on the Vale side and three on the Cardiff side. Each side alone
 * has fewer than the four points ST-DBSCAN needs, so per authority there was no cluster. With the
 * halo incidents each side clusters all five; the Vale publishes the cluster (its stabbing is the
 * earliest core point), Cardiff does not, and each side's area metrics count its own members. When
 * the Vale's stabbing is cancelled, the earliest core point is Cardiff's: the Vale clears the
 * cluster and Cardiff publishes it.
 */
class BoundaryClusterTest {
    private static final String CARDIFF = FusionFixtures.CARDIFF;
    private static final String VALE = "W06000014";
    private static final GridCell CELL = new GridCell(250, 1255, 701);
    private static final long HOUR = 3_600_000L;
    private static final Instant START = Instant.parse("2025-03-14T20:00:00Z");

    private final FusionSettings settings = FusionFixtures.withScanReplications(19);
    private final AreaRoute route = new AreaRoute(new CellOwners(FusionFixtures.SHAPES, settings.hotspots()));
    private final Map<String, List<String>> holding = new HashMap<>();
    private final Map<String, LadDriver> drivers = Map.of(CARDIFF, new LadDriver(CARDIFF, settings),
            VALE, new LadDriver(VALE, settings));

    @Test
    void aClusterAcrossTheBoundaryIsFoundWholeAndPublishedOnceByTheSideOfItsEarliestCore() {
        // Fractions of the cell's side from its south-west corner; the boundary runs from (0.2, 0) to (1, 0.45).
        Placement vale1 = at(0.55, 0.15, VALE);
        Placement cardiff1 = at(0.35, 0.45, CARDIFF);
        Placement vale2 = at(0.75, 0.30, VALE);
        Placement cardiff2 = at(0.55, 0.65, CARDIFF);
        Placement cardiff3 = at(0.45, 0.55, CARDIFF);
        List<Placement> places = List.of(vale1, cardiff1, vale2, cardiff2, cardiff3);
        List<LinkedIncident> stabbings = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            Instant t = START.plus(Duration.ofHours(2L * i));
            stabbings.add(FusionFixtures.stabbing("LI-X" + i, t, places.get(i)));
        }
        for (LinkedIncident s : stabbings) {
            send(s, s.eventTime());
        }
        long settled = START.toEpochMilli() + 10 * HOUR;
        advanceTo(settled);

        List<HotspotUpdate> valeClusters = clusters(VALE, Long.MAX_VALUE);
        assertThat(valeClusters).as("the Vale publishes the cluster").isNotEmpty();
        HotspotUpdate whole = valeClusters.get(valeClusters.size() - 1);
        assertThat(whole.type()).isEqualTo(HotspotUpdate.CLUSTER_CHANGED);
        assertThat(whole.members()).as("all five, both sides").containsExactlyInAnyOrder("LI-X0", "LI-X1", "LI-X2",
                "LI-X3", "LI-X4");
        assertThat(whole.areaId()).startsWith(VALE + ":");
        assertThat(whole.lad()).isEqualTo(VALE);
        assertThat(clusters(CARDIFF, Long.MAX_VALUE)).as("Cardiff, which sees it too, does not publish it").isEmpty();
        // Each side counts its own incidents in the cluster.
        assertThat(lastLad(CARDIFF, settled).values()).containsEntry("cluster_members", 3.0).containsEntry("clusters", 1.0);
        assertThat(lastLad(VALE, settled).values()).containsEntry("cluster_members", 2.0).containsEntry("clusters", 1.0);

        // The Vale's first stabbing is cancelled: Cardiff's is the earliest core point now.
        LinkedIncident first = stabbings.get(0);
        long cancelledAt = settled + HOUR / 2;
        send(FusionFixtures.incident(first.incidentId(), first.revision() + 1, "cancelled", true,
                Instant.ofEpochMilli(first.eventTime()), vale1, first.feeds(), true, 1, "15-17"), cancelledAt);
        advanceTo(cancelledAt + 2 * HOUR);
        HotspotUpdate valeLast = last(clusters(VALE, Long.MAX_VALUE));
        assertThat(valeLast.type()).as("the Vale lets it go").isEqualTo(HotspotUpdate.CLUSTER_CLEARED);
        assertThat(valeLast.areaId()).isEqualTo(whole.areaId());
        List<HotspotUpdate> cardiffClusters = clusters(CARDIFF, Long.MAX_VALUE);
        assertThat(cardiffClusters).extracting(HotspotUpdate::type).containsExactly(HotspotUpdate.CLUSTER_CHANGED);
        assertThat(cardiffClusters.get(0).members()).containsExactlyInAnyOrder("LI-X1", "LI-X2", "LI-X3", "LI-X4");
        assertThat(cardiffClusters.get(0).areaId()).startsWith(CARDIFF + ":");
        assertThat(lastLad(VALE, cancelledAt + 2 * HOUR).values()).containsEntry("cluster_members", 1.0);
        assertThat(lastLad(CARDIFF, cancelledAt + 2 * HOUR).values()).containsEntry("cluster_members", 3.0);

        // Everything leaves: both sides clear what they published and keep nothing, halo included.
        advanceTo(cancelledAt + 40 * 24 * HOUR);
        assertThat(last(clusters(CARDIFF, Long.MAX_VALUE)).type()).isEqualTo(HotspotUpdate.CLUSTER_CLEARED);
        for (LadDriver d : drivers.values()) {
            assertThat(d.state.isEmpty()).as(d.lad).isTrue();
            assertThat(d.pendingTimers()).isZero();
        }
    }

    /** A place at fractions of the cell's side, on the side of the boundary it should be. */
    private static Placement at(double fx, double fy, String lad) {
        var placed = FusionFixtures.PLACER.placeGrid(CELL.minX() + fx * 250, CELL.minY() + fy * 250);
        assertThat(placed.placed()).isTrue();
        assertThat(placed.placement().lad()).as("(%s, %s)", fx, fy).isEqualTo(lad);
        assertThat(placed.placement().cell()).isEqualTo(CELL.id());
        return placed.placement();
    }

    /** Routes a change as the job's area router does and delivers it, the watermark half an hour behind. */
    private void send(LinkedIncident incident, long at) {
        advanceTo(at - HOUR / 2);
        List<AreaDelivery> deliveries = route.route(incident, holding.getOrDefault(incident.incidentId(), List.of()));
        holding.put(incident.incidentId(), AreaRoute.holding(deliveries));
        assertThat(deliveries).extracting(AreaDelivery::lad).as("own and halo").containsExactlyInAnyOrder(CARDIFF, VALE);
        for (AreaDelivery d : deliveries) {
            drivers.get(d.lad()).delivery(d);
        }
    }

    private void advanceTo(long time) {
        drivers.values().forEach(d -> d.advanceTo(time));
    }

    private List<HotspotUpdate> clusters(String lad, long until) {
        return drivers.get(lad).out.hotspots.stream().filter(u -> u.layer().equals("cluster") && u.asOf() <= until).toList();
    }

    private static <T> T last(List<T> list) {
        assertThat(list).isNotEmpty();
        return list.get(list.size() - 1);
    }

    private AreaMetrics lastLad(String lad, long until) {
        return last(drivers.get(lad).out.metrics.stream()
                .filter(m -> m.layer().equals("lad") && m.areaId().equals(lad) && m.asOf() <= until).toList());
    }
}
