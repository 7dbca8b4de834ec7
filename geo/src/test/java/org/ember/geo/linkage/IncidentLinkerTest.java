package org.ember.geo.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.geo.linkage.Reports.LSOA;
import static org.ember.geo.linkage.Reports.OTHER_LSOA;
import static org.ember.geo.linkage.Reports.aeInLsoa;
import static org.ember.geo.linkage.Reports.ambulance;
import static org.ember.geo.linkage.Reports.minutes;
import static org.ember.geo.linkage.Reports.police;
import static org.ember.geo.linkage.Reports.version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class IncidentLinkerTest {
    private final IncidentLinker linker = new IncidentLinker(LinkageSettings.defaults());
    private final MemoryLinkBook book = new MemoryLinkBook();

    private List<GroupChange> apply(Report r) {
        return linker.apply(r, book).changes();
    }

    @Test
    void threeAgenciesReportingOneStabbingMakeOneIncidentWithThreeSources() {
        GroupChange first = apply(police("CR-1", minutes(5), 0, true)).get(0);
        GroupChange second = apply(ambulance("AMB-1", minutes(12), 30, true, "18-24")).get(0);
        GroupChange third = apply(aeInLsoa("AE-1", minutes(0), LSOA, true, "18-24")).get(0);

        assertThat(first.kind()).isEqualTo(GroupChange.Kind.CREATED);
        assertThat(second.kind()).isEqualTo(GroupChange.Kind.JOINED);
        assertThat(third.kind()).isEqualTo(GroupChange.Kind.JOINED);
        assertThat(third.group().id()).isEqualTo(first.group().id()).isEqualTo("LI-police:CR-1");
        assertThat(third.group().members()).containsExactly("police:CR-1", "ambulance:AMB-1", "ae:AE-1");
        assertThat(third.group().revision()).isEqualTo(3);
        assertThat(third.members()).extracting(FiledReport::confidence)
                .allSatisfy(c -> assertThat(c).isBetween(0.25, 1.0));
    }

    @Test
    void aReportOutsideItsFeedPairWindowFoundsItsOwnIncident() {
        apply(police("CR-1", minutes(0), 0, false));
        GroupChange tooLate = apply(ambulance("AMB-1", minutes(21), 0, false, null)).get(0);
        GroupChange tooFar = apply(ambulance("AMB-2", minutes(1), 151, false, null)).get(0);
        GroupChange otherLsoa = apply(aeInLsoa("AE-1", minutes(1), OTHER_LSOA, false, null)).get(0);

        assertThat(List.of(tooLate, tooFar, otherLsoa)).extracting(GroupChange::kind)
                .containsOnly(GroupChange.Kind.CREATED);
        assertThat(book.groupCount()).isEqualTo(4);
    }

    @Test
    void differentVictimAgeBandsNeverLink() {
        apply(ambulance("AMB-1", minutes(0), 0, false, "15-17"));
        GroupChange ae = apply(aeInLsoa("AE-1", minutes(5), LSOA, false, "35-44")).get(0);
        assertThat(ae.kind()).isEqualTo(GroupChange.Kind.CREATED);
    }

    @Test
    void aLateReportJoinsTheIncidentWhicheverFeedArrivedFirst() {
        apply(aeInLsoa("AE-1", minutes(3), LSOA, true, "18-24"));
        apply(ambulance("AMB-1", minutes(8), 0, true, "18-24"));
        GroupChange police = apply(police("CR-1", minutes(0), 20, true)).get(0);
        assertThat(police.kind()).isEqualTo(GroupChange.Kind.JOINED);
        assertThat(police.group().id()).isEqualTo("LI-ae:AE-1");
        assertThat(book.groupCount()).isEqualTo(1);
    }

    @Test
    void theClosestIncidentWinsWhenTwoCompete() {
        apply(police("CR-FAR", minutes(0), 0, false));
        apply(police("CR-NEAR", minutes(10), 120, false));
        GroupChange amb = apply(ambulance("AMB-1", minutes(11), 118, false, null)).get(0);
        assertThat(amb.group().id()).isEqualTo("LI-police:CR-NEAR");
    }

    @Test
    void cancellingTheOnlyReportCancelsTheIncidentAndCancellingOneOfTwoLeavesTheOther() {
        Report alone = police("CR-9", minutes(0), 2_000, false);
        apply(alone);
        GroupChange cancelled = apply(version(alone, 2, true, "violence")).get(0);
        assertThat(cancelled.kind()).isEqualTo(GroupChange.Kind.CANCELLED);
        assertThat(cancelled.group().members()).isEmpty();

        Report police = police("CR-1", minutes(0), 0, true);
        apply(police);
        apply(ambulance("AMB-1", minutes(5), 0, true, "15-17"));
        GroupChange left = apply(version(police, 2, true, "weapon")).get(0);
        assertThat(left.kind()).isEqualTo(GroupChange.Kind.LEFT);
        assertThat(left.group().members()).containsExactly("ambulance:AMB-1");
        assertThat(left.members()).extracting(f -> f.report().feed()).containsExactly("ambulance");
    }

    @Test
    void aCorrectionKeepsItsIncidentAndAStaleVersionChangesNothing() {
        Report police = police("CR-1", minutes(0), 0, true);
        apply(police);
        apply(ambulance("AMB-1", minutes(5), 0, true, "15-17"));
        IncidentLinker.Result corrected = linker.apply(version(police, 3, false, "weapon"), book);
        assertThat(corrected.correction()).isTrue();
        assertThat(corrected.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(GroupChange.Kind.CORRECTED);
            assertThat(c.group().members()).containsExactly("police:CR-1", "ambulance:AMB-1");
        });
        IncidentLinker.Result stale = linker.apply(version(police, 2, true, "violence"), book);
        assertThat(stale.stale()).isTrue();
        assertThat(stale.changes()).isEmpty();
        assertThat(book.report("police:CR-1").report().version()).isEqualTo(3);
    }

    @Test
    void incidentsAreForgottenWholeOnceTheirLastReportIsPastRetention() {
        Report police = police("CR-1", minutes(0), 0, false);
        Report ae = aeInLsoa("AE-1", minutes(25), LSOA, false, null);
        apply(police);
        apply(ae);
        assertThat(linker.expire(linker.expiryOf(police), book)).isZero();
        assertThat(book.reportCount()).isEqualTo(2);
        assertThat(linker.expire(linker.expiryOf(ae), book)).isEqualTo(2);
        assertThat(book.reportCount()).isZero();
        assertThat(book.groupCount()).isZero();
    }

    /** Incidents far apart in space: whatever the arrival order, the same reports end up together. */
    @RepeatedTest(20)
    void theLinkageOfWellSeparatedIncidentsDoesNotDependOnArrivalOrder(RepetitionInfo info) {
        Random random = new Random(1_000L + info.getCurrentRepetition());
        List<Report> reports = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            double dx = i * 1_000.0;
            long minute = random.nextInt(600);
            String age = List.of("15-17", "18-24", "25-34").get(random.nextInt(3));
            add(reports, truth, police("P" + i, minutes(minute), dx, i % 3 == 0), "T" + i);
            add(reports, truth, ambulance("A" + i, minutes(minute + random.nextInt(15)), dx + random.nextInt(40),
                    i % 3 == 0, age), "T" + i);
        }
        Collections.shuffle(reports, random);
        reports.forEach(this::apply);

        LinkageAccuracy accuracy = LinkageAccuracy.pairwise(book.groupOfReports(), truth);
        assertThat(accuracy.precision()).isEqualTo(1.0);
        assertThat(accuracy.recall()).isEqualTo(1.0);
        assertThat(book.groupCount()).isEqualTo(12);
    }

    private static void add(List<Report> reports, Map<String, String> truth, Report r, String truthId) {
        reports.add(r);
        truth.put(r.key(), truthId);
    }
}
