package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliceUkFilesTest {
    private static final Path SOMEWHERE = Path.of("fixture.csv");

    @Test
    void aQuotedCellMayHoldCommas() {
        // A real shape from police.uk: LSOA names of merged English authorities contain commas.
        String line = "5341b6,2025-01,Avon and Somerset Constabulary,Avon and Somerset Constabulary,-1.812666,50.722973,"
                + "On or near Pinecliffe Avenue,E01015366,\"Bournemouth, Christchurch and Poole 036E\","
                + "Violence and sexual offences,Unable to prosecute suspect,";

        PoliceUkRow row = PoliceUkFiles.parse(line, SOMEWHERE, 2);

        assertThat(row.lsoaName()).isEqualTo("Bournemouth, Christchurch and Poole 036E");
        assertThat(row.crimeType()).isEqualTo("Violence and sexual offences");
        assertThat(row.longitude()).isEqualTo(-1.812666);
        assertThat(row.violent()).isTrue();
    }

    @Test
    void aRowWithoutCoordinatesHasNone() {
        String line = "ab12,2025-01,Gwent Police,Gwent Police,,,No location,,,Public order,Status update unavailable,";

        PoliceUkRow row = PoliceUkFiles.parse(line, SOMEWHERE, 2);

        assertThat(row.hasCoordinates()).isFalse();
        assertThat(row.lsoaCode()).isNull();
        assertThat(row.violent()).isFalse();
    }

    @Test
    void doubledQuotesInsideAQuotedCellAreOneQuote() {
        assertThat(PoliceUkFiles.splitCsv("a,\"say \"\"hi\"\"\",c")).containsExactly("a", "say \"hi\"", "c");
    }

    @Test
    void aShortRowIsAnError() {
        assertThatThrownBy(() -> PoliceUkFiles.parse("a,b,c", SOMEWHERE, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 7");
    }

    @Test
    void aRealMonthReadsInFileOrderWithOneMonthValue() {
        List<PoliceUkRow> rows = new PoliceUkFiles(SimulatorFixtures.dataDir()).read("gwent", YearMonth.of(2025, 1));

        assertThat(rows).hasSizeGreaterThan(4_000);
        assertThat(rows).allMatch(r -> r.month().equals("2025-01"));
        assertThat(rows.stream().filter(PoliceUkRow::hasCoordinates))
                .allMatch(r -> r.longitude() > -6 && r.longitude() < 0 && r.latitude() > 50 && r.latitude() < 53);
    }
}
