package org.ember.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterSummaryTest {

    @Test
    void mostlyDeadLetteredSaysSoWithTheTopReasons() {
        List<String> reasons = new ArrayList<>();
        reasons.addAll(Collections.nCopies(70, "outside coverage: LSOA E01014540 is not an LSOA of south-wales-gwent"));
        reasons.addAll(Collections.nCopies(8, "event time 2017-01-01T00:00:00Z is more than PT720H before arrival"));
        reasons.add("missing field 'crime_id'");
        String warning = DeadLetterSummary.warning(100, reasons).orElseThrow();
        assertThat(warning).contains("79 of 100 records (79%) were dead-lettered")
                .contains("70 × outside coverage (e.g. outside coverage: LSOA E01014540")
                .contains("8 × event time")
                .contains("1 × missing field 'crime_id'");
        assertThat(warning.indexOf("70 ×")).isLessThan(warning.indexOf("8 ×"));
    }

    @Test
    void aFewDeadLettersAreNoWarning() {
        assertThat(DeadLetterSummary.warning(100, Collections.nCopies(50, "outside coverage: x"))).isEmpty();
        assertThat(DeadLetterSummary.warning(0, List.of())).isEmpty();
    }
}
