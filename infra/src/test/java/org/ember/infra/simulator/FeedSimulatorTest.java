package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.ingest.FeedParser;
import org.ember.model.ingest.ParseOutcome;
import org.junit.jupiter.api.Test;

/** The simulator over one real month (January 2025, South Wales + Gwent, default settings). */
class FeedSimulatorTest {
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private static List<SimulatedRecord> records() {
        return SimulatorFixtures.january().records();
    }

    private static JsonNode json(SimulatedRecord record) {
        JsonNode cached = SimulatorFixtures.januaryJson().get(record);
        if (cached != null) {
            return cached;
        }
        try {
            return Json.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> valid(Feed feed) {
        return records().stream().filter(r -> r.feed() == feed && !r.malformed()).map(FeedSimulatorTest::json).toList();
    }

    /** The first (version 1) police record of every incident that came through unbroken, by incident id. */
    private static Map<String, JsonNode> policeFirstVersions() {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode n : valid(Feed.POLICE)) {
            if (n.get("version").asInt() == 1) {
                byId.put(n.get("incident_id").asText(), n);
            }
        }
        return byId;
    }

    private static boolean violent(JsonNode police) {
        String type = police.get("opening_category").asText();
        return type.equals("Violence and sexual offences") || type.equals("Robbery");
    }

    private static boolean armed(JsonNode police) {
        return police.path("knife_or_sharp_instrument").asBoolean(false) || police.path("firearm").asBoolean(false);
    }

    private static Instant time(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText());
    }

    /** Asserts an observed share is within four binomial standard deviations of the expected one. */
    private static void assertShare(String what, long hits, long trials, double expected) {
        assertThat(trials).as(what + ": trials").isGreaterThan(30);
        double sd = Math.sqrt(expected * (1 - expected) / trials);
        double observed = (double) hits / trials;
        assertThat(observed).as(what + " (" + hits + " of " + trials + ")")
                .isBetween(expected - 4 * sd - 1e-9, expected + 4 * sd + 1e-9);
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        SimulatorFixtures.SimulatedMonth again = SimulatorFixtures.generate(SimulatorFixtures.oneMonth(SimulatorFixtures.JANUARY_2025));

        assertThat(again.records()).hasSameSizeAs(records());
        assertThat(again.records()).isEqualTo(records()); // SimulatedRecord compares value bytes
    }

    @Test
    void anotherSeedGivesAnotherSequence() {
        SimulatorFixtures.SimulatedMonth seed42 = SimulatorFixtures.gwentApril();

        List<SimulatedRecord> seed7 = SimulatorFixtures.generate(seed42.settings().withSeed(7)).records();

        assertThat(seed7).isNotEqualTo(seed42.records());
        // ... but the replayed incidents are the same real ones.
        assertThat(seed7.stream().filter(r -> r.feed() == Feed.POLICE).map(SimulatedRecord::key).collect(Collectors.toSet()))
                .isEqualTo(seed42.records().stream().filter(r -> r.feed() == Feed.POLICE).map(SimulatedRecord::key)
                        .collect(Collectors.toSet()));
    }

    @Test
    void recordsComeInNonDecreasingEmitTimeOrder() {
        List<SimulatedRecord> records = records();
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).emitTime()).as("record %d", i).isGreaterThanOrEqualTo(records.get(i - 1).emitTime());
        }
    }

    @Test
    void orderHoldsAcrossMonthBoundariesAndAClockChange() {
        List<SimulatedRecord> records = SimulatorFixtures.gwentMarchAndApril().records();

        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).emitTime()).isGreaterThanOrEqualTo(records.get(i - 1).emitTime());
        }
        Instant aprilStart = YearMonth.of(2025, 4).atDay(1).atStartOfDay(UK).toInstant();
        // March's late records (A&E arrivals, updates, navigator follow-ups) interleave with April's.
        assertThat(records.stream().filter(r -> r.emitTime() >= aprilStart.toEpochMilli()).anyMatch(r -> r.key().contains("202503")))
                .isTrue();
    }

    @Test
    void aMonthIsTheSameWhicheverMonthTheRunStartsFrom() {
        Instant aprilStart = YearMonth.of(2025, 4).atDay(1).atStartOfDay(UK).toInstant();

        Set<SimulatedRecord> aprilAlone = new HashSet<>(SimulatorFixtures.gwentApril().records());
        // April's records in the longer run: health, navigator and intel references carry the month
        // tag; police records are April's when they happened in April (a few Crime IDs recur in
        // consecutive police.uk months, so the key alone does not say).
        List<SimulatedRecord> aprilInLongerRun = SimulatorFixtures.gwentMarchAndApril().records().stream()
                .filter(r -> r.key().contains("-202504-")
                        || (r.feed() == Feed.POLICE && !r.malformed() && !time(json(r), "occurred_at").isBefore(aprilStart)))
                .toList();

        assertThat(aprilInLongerRun).hasSizeGreaterThan(aprilAlone.size() * 9 / 10);
        assertThat(aprilAlone).containsAll(aprilInLongerRun);
    }

    @Test
    void everyValidRecordOfAWeekIsAcceptedAndEveryMalformedOneRejected() {
        FeedParser parser = SimulatorFixtures.parser();
        long weekEnd = SimulatorFixtures.JANUARY_2025.atDay(8).atStartOfDay(UK).toInstant().toEpochMilli();
        // Schema validation costs ~0.3 ms a record: every valid record of the first seven days, and
        // every malformed record of the month.
        List<SimulatedRecord> checked = records().stream().filter(r -> r.emitTime() < weekEnd || r.malformed()).toList();
        List<String> wronglyRejected = new ArrayList<>();
        List<String> wronglyAccepted = new ArrayList<>();

        for (SimulatedRecord record : checked) {
            ParseOutcome outcome = parser.parse(record.feed(), record.value(), record.emitTime());
            if (!record.malformed() && outcome instanceof ParseOutcome.Rejected) {
                wronglyRejected.add(record + " -> " + ((ParseOutcome.Rejected) outcome).reason());
            }
            if (record.malformed() && outcome instanceof ParseOutcome.Accepted) {
                wronglyAccepted.add(record.toString());
            }
        }

        assertThat(wronglyRejected).isEmpty();
        assertThat(wronglyAccepted).isEmpty();
        assertThat(checked.stream().filter(r -> !r.malformed()).map(SimulatedRecord::feed).distinct())
                .containsExactlyInAnyOrder(Feed.values());
        // MalformerTest breaks a record of every feed in every way; here the month's own malformed records.
        assertThat(checked.stream().filter(SimulatedRecord::malformed).count()).isGreaterThan(20);
    }

    @Test
    void policeIncidentsAreTheRealRowsAtTimesInsideTheirMonth() {
        Map<String, JsonNode> police = policeFirstVersions();
        ReplayCounts counts = SimulatorFixtures.january().counts();

        assertThat(police.size()).isGreaterThan((int) (0.99 * counts.replayed()));
        for (JsonNode p : police.values()) {
            assertThat(YearMonth.from(time(p, "occurred_at").atZone(UK))).isEqualTo(SimulatorFixtures.JANUARY_2025);
            assertThat(p.get("incident_id").asText()).matches("[0-9a-f]{64}");
            assertThat(p.at("/location/lon").isNumber()).isTrue();
        }
        assertThat(police.values().stream().map(p -> p.get("opening_category").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("Violence and sexual offences", "Possession of weapons", "Robbery", "Public order");
    }

    @Test
    void theCountsMatchAnIndependentReadingOfTheFiles() throws IOException {
        PoliceUkCensus census = PoliceUkCensus.of(SimulatorFixtures.dataDir(), SimulatorFixtures.JANUARY_2025,
                List.of("south-wales", "gwent"));
        ReplayCounts counts = SimulatorFixtures.january().counts();

        assertThat(counts.policeUkRows()).isEqualTo(census.rows());
        assertThat(counts.replayed()).isEqualTo(census.replayable());
        assertThat(counts.skippedNoCoordinates()).isEqualTo(census.replayableWithoutCoordinates());
        // Rows outside the deployment's LSOAs: the English ones, and Welsh ones beyond its twelve authorities.
        assertThat(counts.outsideCoverage()).isGreaterThanOrEqualTo(census.replayableInEngland()).isPositive();
        assertThat(counts.skippedOtherType()).isEqualTo(census.rows() - census.replayable() - census.replayableWithoutCoordinates());
        // Rows outside coverage are kept as they come, to be dead-lettered downstream.
        SimulatedArea area = SimulatorFixtures.area();
        long uncoveredPolice = records().stream().filter(r -> r.feed() == Feed.POLICE && !r.malformed())
                .map(FeedSimulatorTest::json)
                .filter(n -> n.get("version").asInt() == 1 && !area.covers(n.at("/location/lsoa_code").asText(null)))
                .count();
        assertThat(uncoveredPolice).isBetween(counts.outsideCoverage() - 2, counts.outsideCoverage());
        long total = records().size();
        assertThat(counts.totalRecords()).isEqualTo(total);
        for (Feed feed : Feed.values()) {
            assertThat(counts.records(feed)).isEqualTo(records().stream().filter(r -> r.feed() == feed).count());
            assertThat(counts.malformed(feed)).isEqualTo(records().stream().filter(r -> r.feed() == feed && r.malformed()).count());
        }
    }

    @Test
    void weaponFlagsUpdatesAndCancellationsFollowTheirShares() {
        SimulationSettings s = SimulatorFixtures.january().settings();
        Map<String, JsonNode> police = policeFirstVersions();
        List<JsonNode> violent = police.values().stream().filter(FeedSimulatorTest::violent).toList();
        List<JsonNode> secondVersions = valid(Feed.POLICE).stream().filter(n -> n.get("version").asInt() == 2).toList();

        assertShare("knife share", violent.stream().filter(n -> n.get("knife_or_sharp_instrument").asBoolean()).count(),
                violent.size(), s.knifeShare());
        assertThat(violent).noneMatch(n -> n.get("knife_or_sharp_instrument").asBoolean() && n.get("firearm").asBoolean());
        assertThat(police.values().stream().filter(n -> !violent(n))).allMatch(n -> !n.has("knife_or_sharp_instrument"));
        long cancelled = secondVersions.stream().filter(n -> n.get("status").asText().equals("cancelled")).count();
        long updated = secondVersions.stream().filter(n -> n.get("status").asText().equals("active")).count();
        assertShare("cancelled share", cancelled, police.size(), s.policeCancelShare());
        assertShare("updated share", updated, police.size(), s.policeUpdateShare());
        assertThat(secondVersions.stream().filter(n -> n.get("status").asText().equals("active")))
                .allSatisfy(n -> assertThat(n.get("closing_category").asText()).isNotEqualTo(n.get("opening_category").asText()));
    }

    @Test
    void laterVersionsComeHoursAfterTheFirst() {
        Map<String, SimulatedRecord> first = new HashMap<>();
        for (SimulatedRecord r : records()) {
            if (r.feed() == Feed.POLICE && !r.malformed() && json(r).get("version").asInt() == 1) {
                first.put(r.key(), r);
            }
        }
        List<SimulatedRecord> later = records().stream()
                .filter(r -> r.feed() == Feed.POLICE && !r.malformed() && json(r).get("version").asInt() == 2)
                .filter(r -> first.containsKey(r.key()))
                .toList();

        assertThat(later).isNotEmpty().allSatisfy(r -> assertThat(Duration.ofMillis(r.emitTime() - first.get(r.key()).emitTime()))
                .isBetween(Duration.ofHours(1), Duration.ofHours(48)));
    }

    @Test
    void ambulanceAndAeReportPoliceViolenceAtTheirShares() {
        SimulationSettings s = SimulatorFixtures.january().settings();
        Map<String, JsonNode> police = policeFirstVersions();
        Set<String> withAmbulance = truthIds(Feed.AMBULANCE);
        Set<String> withAe = truthIds(Feed.AE);
        List<JsonNode> violent = police.values().stream().filter(FeedSimulatorTest::violent).toList();
        List<JsonNode> unarmed = violent.stream().filter(n -> !armed(n)).toList();
        List<JsonNode> armed = violent.stream().filter(FeedSimulatorTest::armed).toList();

        assertShare("ambulance share", count(unarmed, withAmbulance), unarmed.size(), s.ambulanceShare());
        assertShare("ambulance share (weapon)", count(armed, withAmbulance), armed.size(), s.ambulanceShareWeapon());
        assertShare("A&E share", count(unarmed, withAe), unarmed.size(), s.aeShare());
        assertShare("A&E share (weapon)", count(armed, withAe), armed.size(), s.aeShareWeapon());
        // Public order and weapon possession leave no casualties in this simulation.
        assertThat(police.values().stream().filter(n -> !violent(n)).map(n -> n.get("incident_id").asText()))
                .noneMatch(withAmbulance::contains).noneMatch(withAe::contains);
    }

    private static Set<String> truthIds(Feed feed) {
        return records().stream().filter(r -> r.feed() == feed).map(SimulatedRecord::truthIncidentId).collect(Collectors.toSet());
    }

    private static long count(List<JsonNode> incidents, Set<String> reported) {
        return incidents.stream().filter(n -> reported.contains(n.get("incident_id").asText())).count();
    }

    @Test
    void healthOnlyAssaultsComeAtFourPerTenPoliceViolenceRows() throws IOException {
        SimulationSettings s = SimulatorFixtures.january().settings();
        PoliceUkCensus census = PoliceUkCensus.of(SimulatorFixtures.dataDir(), SimulatorFixtures.JANUARY_2025,
                List.of("south-wales", "gwent"));
        Map<String, Set<Feed>> seenBy = new HashMap<>();
        for (SimulatedRecord r : records()) {
            if (r.truthIncidentId() != null && r.truthIncidentId().startsWith("H-") && r.feed() != Feed.NAVIGATOR) {
                seenBy.computeIfAbsent(r.truthIncidentId(), k -> new HashSet<>()).add(r.feed());
            }
        }

        double expected = census.violenceWithCoordinates() * s.healthOnlyPerPoliceViolence();
        assertThat((double) seenBy.size()).isBetween(expected - 1, expected + 1);
        assertThat(SimulatorFixtures.january().counts().healthOnlyAssaults()).isEqualTo(seenBy.size());
        long ambulanceOnly = seenBy.values().stream().filter(f -> f.equals(Set.of(Feed.AMBULANCE))).count();
        long aeOnly = seenBy.values().stream().filter(f -> f.equals(Set.of(Feed.AE))).count();
        assertShare("health-only, ambulance only", ambulanceOnly, seenBy.size(), s.healthOnlyAmbulanceOnlyShare());
        assertShare("health-only, A&E only", aeOnly, seenBy.size(), s.healthOnlyAeOnlyShare());
        Set<String> policeIds = policeFirstVersions().keySet();
        assertThat(seenBy.keySet()).noneMatch(policeIds::contains);
    }

    @Test
    void everyHealthAndNavigatorRecordLinksToItsTrueIncident() {
        Set<String> policeIds = records().stream().filter(r -> r.feed() == Feed.POLICE).map(SimulatedRecord::key)
                .collect(Collectors.toSet());

        List<SimulatedRecord> unlinked = records().stream()
                .filter(r -> r.feed() == Feed.POLICE
                        ? !r.key().equals(r.truthIncidentId())
                        : r.truthIncidentId() == null
                                || !(policeIds.contains(r.truthIncidentId()) || r.truthIncidentId().matches("H-202501-\\d{5}")))
                .toList();

        assertThat(unlinked).isEmpty();
        assertThat(records().stream().filter(r -> r.feed() == Feed.INTEL)).allMatch(r -> policeIds.contains(r.truthIncidentId()));
        assertThat(records().stream().filter(r -> r.feed() == Feed.AMBULANCE)).anyMatch(r -> policeIds.contains(r.truthIncidentId()));
        assertThat(records().stream().filter(r -> r.feed() == Feed.AE)).anyMatch(r -> r.truthIncidentId().startsWith("H-"));
    }

    @Test
    void ambulanceCallsAreNearTheIncidentInSpaceAndTime() {
        Map<String, JsonNode> police = policeFirstVersions();
        int checked = 0;
        for (SimulatedRecord r : records()) {
            JsonNode incident = police.get(r.truthIncidentId());
            if (r.feed() != Feed.AMBULANCE || r.malformed() || incident == null) {
                continue;
            }
            JsonNode call = json(r);
            ProjectedPoint scene = BritishNationalGrid.fromWgs84(incident.at("/location/lon").asDouble(), incident.at("/location/lat").asDouble());
            double distance = Math.hypot(call.at("/location/easting").asDouble() - scene.x(), call.at("/location/northing").asDouble() - scene.y());
            assertThat(distance).isLessThanOrEqualTo(50.0);
            Duration offset = Duration.between(time(incident, "occurred_at"), time(call, "call_time"));
            assertThat(offset).isBetween(Duration.ofMinutes(-10), Duration.ofMinutes(15));
            boolean armed = armed(incident);
            assertThat(call.get("complaint_code").asText()).isEqualTo(armed ? "27" : "04");
            assertThat(call.get("response_category").asInt()).isBetween(armed ? 1 : 2, armed ? 2 : 3);
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void aeAssaultTimesNeverFollowArrivalAndSitAroundTheIncident() {
        Map<String, JsonNode> police = policeFirstVersions();
        int linked = 0;
        for (SimulatedRecord r : records()) {
            if (r.feed() != Feed.AE || r.malformed()) {
                continue;
            }
            JsonNode ae = json(r);
            Instant arrival = time(ae, "arrival_time");
            Instant assault = time(ae, "assault_time");
            assertThat(assault).isBeforeOrEqualTo(arrival);
            assertThat(r.emitTime()).isEqualTo(arrival.toEpochMilli());
            assertThat(SimulatorFixtures.area().departments().all()).anyMatch(d -> d.siteCode().equals(ae.get("site_code").asText()));
            JsonNode incident = police.get(r.truthIncidentId());
            if (incident != null) {
                Instant occurred = time(incident, "occurred_at");
                assertThat(Duration.between(occurred, assault).abs()).isLessThanOrEqualTo(Duration.ofMinutes(20));
                assertThat(Duration.between(occurred, arrival)).isBetween(Duration.ofMinutes(30), Duration.ofHours(6));
                assertThat(ae.get("assault_method").asText()).isEqualTo(
                        incident.get("knife_or_sharp_instrument").asBoolean() ? "knife_sharp"
                                : incident.get("firearm").asBoolean() ? "firearm" : ae.get("assault_method").asText());
                if (!armed(incident)) {
                    assertThat(ae.get("assault_method").asText()).isIn("body_part", "blunt_object", "bottle_glass");
                }
                linked++;
            }
        }
        assertThat(linked).isGreaterThan(300);
        List<JsonNode> ae = valid(Feed.AE);
        assertShare("A&E located by lon/lat", ae.stream().filter(n -> n.at("/location/lon").isNumber()).count(), ae.size(),
                SimulatorFixtures.january().settings().aeLonLatShare());
    }

    @Test
    void navigatorCasesFollowAttendancesOfYoungPeople() {
        SimulationSettings s = SimulatorFixtures.january().settings();
        Map<String, JsonNode> attendanceByTruth = new HashMap<>();
        List<JsonNode> ae = new ArrayList<>();
        for (SimulatedRecord r : records()) {
            if (r.feed() == Feed.AE && !r.malformed()) {
                attendanceByTruth.put(r.truthIncidentId(), json(r));
                ae.add(json(r));
            }
        }
        Map<String, List<SimulatedRecord>> byPerson = new HashMap<>();
        for (SimulatedRecord r : records()) {
            if (r.feed() == Feed.NAVIGATOR && !r.malformed()) {
                byPerson.computeIfAbsent(json(r).get("person_ref").asText(), k -> new ArrayList<>()).add(r);
            }
        }

        assertThat(byPerson.keySet()).allMatch(p -> p.matches("NAV-\\d{10}"));
        for (List<SimulatedRecord> events : byPerson.values()) {
            JsonNode first = json(events.get(0));
            JsonNode attendance = attendanceByTruth.get(events.get(0).truthIncidentId());
            assertThat(events).allMatch(e -> e.truthIncidentId().equals(events.get(0).truthIncidentId()));
            assertThat(first.get("age_band").asText()).isIn("10-14", "15-17", "18-24");
            if (first.get("event_type").asText().equals("referral") && attendance != null) {
                assertThat(time(first, "event_time")).isAfter(time(attendance, "arrival_time"));
            }
        }
        long youngAttendances = ae.stream().filter(n -> Set.of("10-14", "15-17", "18-24").contains(n.get("age_band").asText())).count();
        long referrals = valid(Feed.NAVIGATOR).stream().filter(n -> n.get("event_type").asText().equals("referral")).count();
        assertShare("navigator referrals of young attendances", referrals, youngAttendances, s.navigatorShareUnder25());
        List<JsonNode> answers = valid(Feed.NAVIGATOR).stream()
                .filter(n -> n.get("event_type").asText().startsWith("offer_")).toList();
        assertShare("offers accepted", answers.stream().filter(n -> n.get("event_type").asText().equals("offer_accepted")).count(),
                answers.size(), s.navigatorOfferAcceptedShare());
    }

    @Test
    void intelligenceReportsComeAboutTwiceADayInTheLsoaOfARecentIncident() {
        SimulationSettings s = SimulatorFixtures.january().settings();
        Map<String, JsonNode> police = policeFirstVersions();
        List<SimulatedRecord> intel = records().stream().filter(r -> r.feed() == Feed.INTEL).toList();

        double expected = 31 * s.intelReportsPerDay();
        assertThat((double) intel.size()).isBetween(expected - 4 * Math.sqrt(expected), expected + 4 * Math.sqrt(expected));
        int nearby = 0;
        int checked = 0;
        for (SimulatedRecord r : intel) {
            JsonNode incident = police.get(r.truthIncidentId());
            if (r.malformed() || incident == null) {
                continue;
            }
            JsonNode report = json(r);
            assertThat(report.at("/location/lsoa_code").asText()).startsWith("W01")
                    .isEqualTo(incident.at("/location/lsoa_code").asText());
            assertThat(report.get("tension_level").asText()).isIn("low", "medium", "high", "critical");
            assertThat(report.get("text").asText()).doesNotContainPattern("\\b(Mr|Mrs|Ms|Miss)\\b");
            Duration since = Duration.between(time(incident, "occurred_at"), time(report, "reported_at"));
            if (!since.isNegative() && since.compareTo(Duration.ofHours(72)) <= 0) {
                nearby++;
            }
            checked++;
        }
        assertThat(nearby).isGreaterThanOrEqualTo(checked - 2);
    }

    @Test
    void malformedRecordsAreAboutHalfAPercent() {
        SimulationSettings s = SimulatorFixtures.january().settings();
        long malformed = records().stream().filter(SimulatedRecord::malformed).count();

        assertShare("malformed share", malformed, records().size(), s.malformedShare());
    }

    @Test
    void policeTimesFollowTheHourOfWeekProfile() {
        HourOfWeekProfile profile = SimulatorFixtures.profile();
        double[] observed = new double[HourOfWeekProfile.HOURS_PER_WEEK];
        for (JsonNode p : policeFirstVersions().values()) {
            var local = time(p, "occurred_at").atZone(UK);
            observed[HourOfWeekProfile.index(local.getDayOfWeek(), local.getHour())]++;
        }

        assertThat(correlation(observed, profile.weights())).isGreaterThan(0.85);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow();
        double mb = java.util.Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void aMissingMonthIsReportedBeforeAnythingRuns() {
        SimulationSettings beforeTheData = SimulatorFixtures.oneMonth(YearMonth.of(2019, 1));

        assertThatThrownBy(() -> SimulatorFixtures.simulator(beforeTheData))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2019-01-south-wales-street.csv.gz");
    }
}
