package org.ember.model.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterventionParserTest {
    private static final Set<String> AREAS = Set.of("W01001690", "W01001691");
    private static final Set<String> CELLS = Set.of("250m:1271:705", "250m:1272:705");
    private final InterventionParser parser = new InterventionParser(AREAS::contains, CELLS::contains);

    private InterventionOutcome parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(InterventionOutcome o) {
        assertThat(o).isInstanceOf(InterventionOutcome.Rejected.class);
        return ((InterventionOutcome.Rejected) o).reason();
    }

    @Test
    void acceptsAPatrolOnCellsWithDosageAndTheAlertItAnswers() {
        InterventionOutcome o = parse("""
                {"intervention_id":"SWP-PATROL-17","type":"hotspot_patrol","partner":"south-wales-police",
                 "cells":["250m:1271:705","250m:1272:705"],"start":"2025-07-07T00:00:00Z","end":"2025-08-04T00:00:00Z",
                 "dosage":{"amount":1200,"unit":"patrol_minutes"},"alert_fingerprint":"0123456789abcdef01234567",
                 "officer_name":"dropped by the allow-list"}""");
        assertThat(o).isInstanceOf(InterventionOutcome.Accepted.class);
        Intervention i = ((InterventionOutcome.Accepted) o).intervention();
        assertThat(i.layer()).isEqualTo("cell");
        assertThat(i.units()).containsExactly("250m:1271:705", "250m:1272:705");
        assertThat(i.dosage()).isEqualTo(new Dosage(1200, "patrol_minutes"));
        assertThat(i.alertFingerprint()).isEqualTo("0123456789abcdef01234567");
        assertThat(i.versionOrDefault()).isEqualTo(1);
    }

    @Test
    void deadLettersEndBeforeStartUnknownAreasAndBadFields() {
        assertThat(reason(parse("""
                {"intervention_id":"A","type":"school_session","partner":"cardiff-council","areas":["W01001690"],
                 "start":"2025-07-07T00:00:00Z","end":"2025-07-01T00:00:00Z"}"""))).contains("is not after start");
        assertThat(reason(parse("""
                {"intervention_id":"A","type":"school_session","partner":"cardiff-council","areas":["W01001690","E01000001"],
                 "start":"2025-07-01T00:00:00Z","end":"2025-07-02T00:00:00Z"}"""))).contains("unknown areas").contains("E01000001");
        assertThat(reason(parse("""
                {"intervention_id":"A","type":"street_party","partner":"cardiff-council","areas":["W01001690"],
                 "start":"2025-07-01T00:00:00Z","end":"2025-07-02T00:00:00Z"}"""))).contains("type");
        // Areas and cells at once, or neither: exactly one.
        assertThat(reason(parse("""
                {"intervention_id":"A","type":"cctv","partner":"cardiff-council","areas":["W01001690"],"cells":["250m:1271:705"],
                 "start":"2025-07-01T00:00:00Z","end":"2025-07-02T00:00:00Z"}"""))).contains("contract");
        assertThat(reason(parse("""
                {"intervention_id":"A\\u0000<b>","type":"cctv","partner":"cardiff-council","areas":["W01001690"],
                 "start":"2025-07-01T00:00:00Z","end":"2025-07-02T00:00:00Z"}"""))).contains("intervention_id");
        assertThat(reason(parse("[1,2]"))).contains("not a JSON object");
        assertThat(reason(parser.parse(new byte[InterventionParser.MAX_BYTES + 1]))).contains("exceeds");
    }

    @Test
    void overlappingDuplicatesAreRefusedCorrectionsAccepted() {
        InterventionRegister register = new InterventionRegister();
        Intervention first = accepted("""
                {"intervention_id":"P1","type":"hotspot_patrol","partner":"south-wales-police","cells":["250m:1271:705"],
                 "start":"2025-07-07T00:00:00Z","end":"2025-08-04T00:00:00Z"}""");
        Intervention copy = accepted("""
                {"intervention_id":"P1-copy","type":"hotspot_patrol","partner":"south-wales-police","cells":["250m:1271:705","250m:1272:705"],
                 "start":"2025-07-20T00:00:00Z","end":"2025-08-10T00:00:00Z"}""");
        Intervention later = accepted("""
                {"intervention_id":"P2","type":"hotspot_patrol","partner":"south-wales-police","cells":["250m:1271:705"],
                 "start":"2025-08-04T00:00:00Z","end":"2025-08-10T00:00:00Z"}""");
        Intervention correction = accepted("""
                {"intervention_id":"P1","version":2,"type":"hotspot_patrol","partner":"south-wales-police","cells":["250m:1271:705"],
                 "start":"2025-07-07T00:00:00Z","end":"2025-08-01T00:00:00Z"}""");
        assertThat(register.offer(first)).isEmpty();
        assertThat(register.offer(copy)).get().asString().contains("overlapping duplicate of P1");
        assertThat(register.offer(later)).isEmpty();
        assertThat(register.offer(correction)).isEmpty();
        assertThat(register.offer(first)).get().asString().contains("not newer");
        assertThat(register.active()).extracting(Intervention::interventionId).containsExactly("P1", "P2");
        assertThat(register.active().get(0).versionOrDefault()).isEqualTo(2);
    }

    private Intervention accepted(String json) {
        InterventionOutcome o = parse(json);
        assertThat(o).isInstanceOf(InterventionOutcome.Accepted.class);
        return ((InterventionOutcome.Accepted) o).intervention();
    }
}
