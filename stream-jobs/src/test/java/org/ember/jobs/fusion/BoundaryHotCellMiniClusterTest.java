package org.ember.jobs.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ember.fusion.FusionFixtures;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.geo.grid.GridCell;
import org.ember.jobs.OutputTopic;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.LinkedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's boundary case through the whole job at parallelism 2. At Culverhouse Cross the 250 m
 * cell {@code 250m:1255:701} straddles the Cardiff / Vale of Glamorgan boundary (its centre is in
 * Cardiff; its south-east corner in the Vale). A stabbing there: the A&amp;E attendance, given only the
 * Cardiff LSOA across the street, arrives first and founds an incident in Cardiff; the police report,
 * a point in the Vale corner of the cell, joins it and moves it into the Vale. Over the days before,
 * three assaults were reported on the Cardiff side of the cell and two on the Vale side.
 *
 * <p>Keyed by local authority, each side scored the cell with its own half (three and three) and
 * both published it; here it is published once, by Cardiff (which owns it), with all six incidents,
 * and it is hot. Cardiff no longer counts the stabbing as its own once it moved.
 *
 * <p>The six are also one space-time cluster across the boundary (each side alone has three, fewer
 * than the four points ST-DBSCAN needs): it is published by one side at a time, first the Vale, whose
 * assault 38 hours before is its earliest core point, then Cardiff once the Vale's first assault has
 * left the clustering's three days; each side counts its own three as cluster members.
 */
class BoundaryHotCellMiniClusterTest {
    private static final String CARDIFF = "W06000015";
    private static final String VALE = "W06000014";
    private static final String CARDIFF_LSOA = "W01001703";
    private static final GridCell CELL = new GridCell(250, 1255, 701);
    private static final Instant AT = TestFeeds.FRIDAY_22H;
    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void theStabbingIsLinkedAcrossTheBoundaryAndTheCellOverTheBoundaryIsHot() throws Exception {
        // Points inside the cell, as fractions of its side from its south-west corner.
        GeoLocation policeStab = at(0.55, 0.15);
        GeoLocation[] valeSide = {at(0.9, 0.1), at(0.85, 0.35)};
        GeoLocation[] cardiffSide = {at(0.1, 0.9), at(0.4, 0.85), at(0.2, 0.6)};
        for (GeoLocation p : List.of(policeStab, valeSide[0], valeSide[1])) {
            assertThat(FusionFixtures.place(p.lon(), p.lat()).lad()).as("Vale side").isEqualTo(VALE);
            assertThat(FusionFixtures.place(p.lon(), p.lat()).cell()).isEqualTo(CELL.id());
        }
        for (GeoLocation p : cardiffSide) {
            assertThat(FusionFixtures.place(p.lon(), p.lat()).lad()).as("Cardiff side").isEqualTo(CARDIFF);
            assertThat(FusionFixtures.place(p.lon(), p.lat()).cell()).isEqualTo(CELL.id());
        }

        List<RawFeedRecord> police = new ArrayList<>();
        int n = 0;
        for (GeoLocation p : List.of(valeSide[0], cardiffSide[0], valeSide[1], cardiffSide[1], cardiffSide[2])) {
            Instant t = AT.minus(Duration.ofHours(60 - 11 * n));
            police.add(police(TestFeeds.assault("CR-CELL-" + n++, t, p), t));
        }
        // Elsewhere in both authorities, one assault in a cell each: the study area Gi* compares with.
        for (int i = 0; i < 6; i++) {
            Instant t = AT.minus(Duration.ofHours(50 - 7 * i));
            police.add(police(TestFeeds.assault("CR-CDF-" + i, t, offset(TestFeeds.CARDIFF_CENTRE, 700 * i, 300 * i)), t));
            police.add(police(TestFeeds.assault("CR-VOG-" + i, t.plusSeconds(60), offset(GeoLocation.wgs84(-3.2700, 51.4050),
                    -600 * i, 400 * (i % 2))), t.plusSeconds(60)));
        }
        BoundedJobSources feeds = new BoundedJobSources();
        feeds.add(raw(Feed.AE, new AeAttendance("AE-CDF", 1, "active", AT.plus(Duration.ofHours(1)), AT.plusSeconds(600),
                "knife_sharp", "street", "outside the garage", "7A4BV", "15-17", GeoLocation.lsoa(CARDIFF_LSOA)),
                AT.plus(Duration.ofHours(1))));
        police.add(police(TestFeeds.knifeCrime("CR-STAB", AT, policeStab), AT.plus(Duration.ofHours(2))));
        // Something later, so that the replay's hourly ticks run past the stabbing.
        Instant last = AT.plus(Duration.ofHours(4));
        police.add(police(TestFeeds.assault("CR-LATER", last, TestFeeds.SWANSEA_CENTRE), last));
        // A feed is read in the order it was appended.
        police.sort(java.util.Comparator.comparingLong(RawFeedRecord::timestamp));
        police.forEach(feeds::add);

        CollectingJobSinks sinks = CollectingJobSinks.runWholeJob(feeds, TestFeeds.settings(TestFeeds.weaponRule(5)), 2,
                "boundary-hot-cell");

        List<LinkedIncident> changes = sinks.received(OutputTopic.LINKED_INCIDENTS);
        List<LinkedIncident> stabbing = changes.stream()
                .filter(i -> i.sources().stream().map(LinkedSource::sourceId).anyMatch("AE-CDF"::equals)).toList();
        assertThat(stabbing).extracting(LinkedIncident::change).containsExactly("created", "joined");
        assertThat(stabbing.get(0).lad()).as("founded by the attendance in Cardiff").isEqualTo(CARDIFF);
        LinkedIncident joined = stabbing.get(1);
        assertThat(joined.sources()).extracting(LinkedSource::sourceId).containsExactlyInAnyOrder("AE-CDF", "CR-STAB");
        assertThat(joined.lad()).as("moved to the police point in the Vale").isEqualTo(VALE);
        assertThat(joined.cell()).isEqualTo(CELL.id());

        List<HotspotUpdate> updates = sinks.received(OutputTopic.HOTSPOT_UPDATES);
        List<HotspotUpdate> cell = updates.stream()
                .filter(u -> u.layer().equals("cell") && u.areaId().equals(CELL.id())).toList();
        assertThat(cell).as("the boundary cell is published").isNotEmpty();
        assertThat(cell).extracting(HotspotUpdate::lad).as("only by the authority it belongs to").containsOnly(CARDIFF);
        List<HotspotUpdate> scored = cell.stream().filter(u -> u.type().equals(HotspotUpdate.CELL_SCORED)).toList();
        // Test sources set no replay horizon: the hourly ticks go on until everything has left the windows.
        long linkedAt = AT.plus(Duration.ofHours(2)).toEpochMilli();
        HotspotUpdate then = asOf(scored, linkedAt + 3_600_000L);
        assertThat(then.values().get("incidents{window=7d,kind=all}")).as("incidents of both sides and the stabbing")
                .isEqualTo(6.0);
        assertThat(then.labels().get("hot")).isEqualTo("true");
        assertThat(asOf(scored, linkedAt).values().get("incidents{window=7d,kind=all}"))
                .as("before the police point joined, the stabbing was placed by its LSOA only: no cell").isEqualTo(5.0);

        // The stabbing counts in the Vale now, and no longer in Cardiff, where it was founded.
        List<HotspotUpdate> areas = updates.stream().filter(u -> u.type().equals(HotspotUpdate.AREA_SCORED)
                && u.layer().equals("lad")).toList();
        String healthOnly = "incidents{window=7d,kind=health_only}";
        String multiAgency = "incidents{window=7d,kind=multi_agency}";
        List<HotspotUpdate> cardiff = areas.stream().filter(u -> u.areaId().equals(CARDIFF)).toList();
        assertThat(asOf(cardiff, linkedAt - 1).values().get(healthOnly))
                .as("Cardiff counted the attendance's incident while it was Cardiff's").isEqualTo(1.0);
        assertThat(asOf(cardiff, linkedAt + 3_600_000L).values().get(healthOnly)).as("and let it go when it moved")
                .isEqualTo(0.0);
        assertThat(asOf(cardiff, linkedAt + 3_600_000L).values().get(multiAgency)).isEqualTo(0.0);
        assertThat(asOf(areas.stream().filter(u -> u.areaId().equals(VALE)).toList(), linkedAt + 3_600_000L).values()
                .get(multiAgency)).isEqualTo(1.0);
        theClusterAcrossTheBoundaryIsPublishedOnce(changes, updates, joined.incidentId(), linkedAt);
    }

    /** The space-time cluster across the boundary: one, published by the Vale alone, each side counting its own members. */
    private static void theClusterAcrossTheBoundaryIsPublishedOnce(List<LinkedIncident> changes, List<HotspotUpdate> updates,
            String stabbingId, long linkedAt) {
        List<String> six = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            String source = "CR-CELL-" + n;
            six.add(changes.stream().filter(i -> i.sources().stream().map(LinkedSource::sourceId).anyMatch(source::equals))
                    .findFirst().orElseThrow().incidentId());
        }
        six.add(stabbingId);
        List<HotspotUpdate> clusters = updates.stream().filter(u -> u.layer().equals("cluster")).toList();
        assertThat(clusters).as("the cluster is published").isNotEmpty();
        List<HotspotUpdate> byTime = new ArrayList<>(clusters);
        byTime.sort(java.util.Comparator.comparingLong(HotspotUpdate::asOf)); // stable: publication order within a time
        assertThat(byTime.get(0).lad()).as("first by the Vale: its assault 38 hours before is the earliest core point")
                .isEqualTo(VALE);
        assertThat(byTime.get(0).members()).containsExactlyInAnyOrderElementsOf(six.subList(0, 5));
        List<HotspotUpdate> whole = clusters.stream().filter(u -> u.members().size() == 6).toList();
        assertThat(whole).as("with both sides' incidents and the stabbing").isNotEmpty().allSatisfy(u -> {
            assertThat(u.members()).containsExactlyInAnyOrderElementsOf(six);
            assertThat(u.lad()).isEqualTo(VALE);
        });
        // When the Vale's first assault leaves the three-day horizon its second is no core point any
        // more: Cardiff's is the earliest, and Cardiff takes the cluster over. Never both at once.
        assertThat(byTime.get(byTime.size() - 1).lad()).isEqualTo(CARDIFF);
        java.util.TreeMap<Long, List<HotspotUpdate>> atTime = new java.util.TreeMap<>();
        clusters.forEach(u -> atTime.computeIfAbsent(u.asOf(), k -> new ArrayList<>()).add(u));
        java.util.Set<String> live = new java.util.HashSet<>();
        for (List<HotspotUpdate> now : atTime.values()) {
            for (HotspotUpdate u : now) {
                if (u.type().equals(HotspotUpdate.CLUSTER_CLEARED)) {
                    live.remove(u.areaId());
                } else {
                    live.add(u.areaId());
                }
            }
            assertThat(live).as("clusters published at %s", Instant.ofEpochMilli(now.get(0).asOf())).hasSizeLessThan(2);
        }
        assertThat(live).as("cleared in the end").isEmpty();
        for (String lad : List.of(CARDIFF, VALE)) {
            HotspotUpdate area = asOf(updates.stream().filter(u -> u.type().equals(HotspotUpdate.AREA_SCORED)
                    && u.layer().equals("lad") && u.areaId().equals(lad)).toList(), linkedAt + 3_600_000L);
            assertThat(area.values().get("cluster_members")).as("%s counts its own members", lad).isEqualTo(3.0);
            assertThat(area.values().get("clusters")).isEqualTo(1.0);
        }
    }

    /** The last update published at or before {@code time}. */
    private static HotspotUpdate asOf(List<HotspotUpdate> updates, long time) {
        List<HotspotUpdate> upTo = new ArrayList<>(updates.stream().filter(u -> u.asOf() <= time).toList());
        assertThat(upTo).as("updates by " + Instant.ofEpochMilli(time)).isNotEmpty();
        upTo.sort(java.util.Comparator.comparingLong(HotspotUpdate::asOf)); // stable: publication order within a time
        return upTo.get(upTo.size() - 1);
    }

    private static GeoLocation at(double fx, double fy) {
        LonLat p = BritishNationalGrid.toWgs84(CELL.minX() + fx * 250, CELL.minY() + fy * 250);
        return GeoLocation.wgs84(p.lon(), p.lat());
    }

    private static GeoLocation offset(GeoLocation from, double dx, double dy) {
        var p = BritishNationalGrid.fromWgs84(from.lon(), from.lat());
        LonLat q = BritishNationalGrid.toWgs84(p.x() + dx, p.y() + dy);
        return GeoLocation.wgs84(q.lon(), q.lat());
    }

    private static RawFeedRecord police(Object record, Instant appended) {
        return raw(Feed.POLICE, record, appended);
    }

    private static RawFeedRecord raw(Feed feed, Object record, Instant appended) {
        return new RawFeedRecord(feed.topic(), 0, OFFSETS.getAndIncrement(), appended.toEpochMilli(), Json.toBytes(record));
    }
}
