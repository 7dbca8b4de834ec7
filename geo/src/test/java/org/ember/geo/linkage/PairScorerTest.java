package org.ember.geo.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ember.geo.linkage.Reports.LSOA;
import static org.ember.geo.linkage.Reports.aeInLsoa;
import static org.ember.geo.linkage.Reports.ambulance;
import static org.ember.geo.linkage.Reports.minutes;
import static org.ember.geo.linkage.Reports.police;

import org.junit.jupiter.api.Test;

class PairScorerTest {
    private final PairScorer scorer = new PairScorer(LinkageSettings.defaults());

    @Test
    void aPerfectMatchScoresTheAttributeFactorOnly() {
        // Same time, same place, weapon on both; police has no age band: 0.85.
        assertThat(scorer.score(police("CR-1", minutes(0), 0, true), ambulance("A", minutes(0), 0, true, "18-24"))
                .getAsDouble()).isCloseTo(0.85, within(1e-12));
    }

    @Test
    void scoresFallLinearlyToHalfAtTheEdgeOfTheWindow() {
        // 20 min and 150 m are the police+ambulance edges: 0.5 × 0.5 × 0.85.
        PairScorer permissive = new PairScorer(LinkageSettings.defaults().withMinConfidence(0.1));
        assertThat(permissive.score(police("CR-1", minutes(0), 0, false), ambulance("A", minutes(20), 150, false, null))
                .getAsDouble()).isCloseTo(0.2125, within(1e-12));
        // Halfway: 0.75 × 0.75 × 0.85.
        assertThat(scorer.score(police("CR-1", minutes(0), 0, false), ambulance("A", minutes(10), 75, false, null))
                .getAsDouble()).isCloseTo(0.478125, within(1e-12));
        // The edge scores below the default minimum confidence of 0.25, and one minute more is out.
        assertThat(scorer.score(police("CR-1", minutes(0), 0, false), ambulance("A", minutes(20), 150, false, null)))
                .isEmpty();
        assertThat(permissive.score(police("CR-1", minutes(0), 0, false), ambulance("A", minutes(21), 0, false, null)))
                .isEmpty();
    }

    @Test
    void anAreaOnlyReportMatchesOnItsLsoaWithTheWeakerScore() {
        double score = scorer.score(police("CR-1", minutes(0), 0, false), aeInLsoa("AE", minutes(0), LSOA, false, "15-17"))
                .getAsDouble();
        assertThat(score).isCloseTo(0.6 * 0.85, within(1e-12));
    }

    @Test
    void aPointJustAcrossTheBoundaryOfTheOtherReportsLsoaStillMatchesWithAWeakerScore() {
        // The LSOA's circle edge is 100 m from the ambulance position here.
        PairScorer withGeometry = new PairScorer(LinkageSettings.defaults(), (lsoa, x, y) -> OTHER.equals(lsoa) ? 100 : Double.NaN);
        double score = withGeometry.score(ambulance("A", minutes(0), 0, false, "15-17"),
                aeInLsoa("AE", minutes(0), OTHER, false, "15-17")).getAsDouble();
        assertThat(score).isCloseTo(0.45 * (1 - 0.5 * 100 / 150.0), within(1e-12));
        assertThat(scorer.score(ambulance("A", minutes(0), 0, false, "15-17"), aeInLsoa("AE", minutes(0), OTHER, false, "15-17")))
                .as("without geometry only the same LSOA matches").isEmpty();
        PairScorer far = new PairScorer(LinkageSettings.defaults(), (lsoa, x, y) -> 151);
        assertThat(far.score(ambulance("A", minutes(0), 0, false, "15-17"), aeInLsoa("AE", minutes(0), OTHER, false, "15-17")))
                .isEmpty();
    }

    private static final String OTHER = Reports.OTHER_LSOA;

    @Test
    void sameFeedNeverMatches() {
        assertThat(scorer.score(police("CR-1", minutes(0), 0, false), police("CR-2", minutes(0), 0, false))).isEmpty();
    }
}
