package org.ember.infra.cli.stats;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import org.ember.infra.cli.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsCaseInsensitiveNamesAndABom() {
        Path file = CliRun.csv(dir, "t.csv", "\uFEFFName, X ,When", "\"Smith, J\",1.5, 2025-03-01 ", "", "\"say \"\"hi\"\"\",2,3.25");
        CsvTable table = CsvTable.read(file);
        assertThat(table.header()).containsExactly("Name", "X", "When");
        assertThat(table.rowCount()).isEqualTo(2);
        CsvTable.Column name = table.column("name", "--id");
        assertThat(table.text(0, name)).isEqualTo("Smith, J");
        assertThat(table.text(1, name)).isEqualTo("say \"hi\"");
        assertThat(table.numbers(table.column("x", "--x"))).containsExactly(1.5, 2.0);
        CsvTable.Column when = table.column("when", "--t");
        assertThat(table.days(0, when)).isEqualTo(LocalDate.of(2025, 3, 1).toEpochDay());
        assertThat(table.days(1, when)).isEqualTo(3.25);
        assertThat(table.date(0, when)).isEqualTo(LocalDate.of(2025, 3, 1));
    }

    @Test
    void dateTimesBecomeFractionalDays() {
        Path file = CliRun.csv(dir, "t.csv", "t", "2025-03-01T18:00", "2025-03-01T06:00:00Z", "2025-03-01T12:00+02:00");
        CsvTable table = CsvTable.read(file);
        CsvTable.Column t = table.column("t", "--t");
        double day = LocalDate.of(2025, 3, 1).toEpochDay();
        assertThat(table.days(0, t)).isCloseTo(day + 0.75, within(1e-12));
        assertThat(table.days(1, t)).isCloseTo(day + 0.25, within(1e-12));
        assertThat(table.days(2, t)).isCloseTo(day + 10 / 24.0, within(1e-12));
    }

    @Test
    void problemsNameFileRowAndColumn() {
        Path file = CliRun.csv(dir, "t.csv", "a,b", "1,2", "3,", "4");
        assertThatThrownBy(() -> CsvTable.read(file)).isInstanceOf(UserError.class)
                .hasMessage(file + " row 3 (line 4): 1 fields, but the header has 2");
        Path gaps = CliRun.csv(dir, "g.csv", "a,b", "1,2", "3,");
        CsvTable table = CsvTable.read(gaps);
        assertThatThrownBy(() -> table.numbers(table.column("b", "--b"))).isInstanceOf(UserError.class)
                .hasMessage(gaps + " row 2 (line 3), column 'b': is empty");
        assertThatThrownBy(() -> table.column("c", "--c")).isInstanceOf(UserError.class)
                .hasMessageContaining("no column 'c'").hasMessageContaining("--c");
        assertThatThrownBy(() -> table.requireRows(3)).isInstanceOf(UserError.class).hasMessageContaining("2 data rows");
        Path blank = CliRun.csv(dir, "blank.csv", "", "  ");
        assertThatThrownBy(() -> CsvTable.read(blank)).isInstanceOf(UserError.class).hasMessageContaining("is empty");
    }
}
