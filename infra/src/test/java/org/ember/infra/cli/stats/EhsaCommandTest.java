package org.ember.infra.cli.stats;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EhsaCommandTest {
    @TempDir
    Path dir;

    /** 10 × 10 cells, 8 steps, background 10 ± 1; a 3 × 3 block high in every step around cell 2_2. */
    private Path cube(boolean dropOneRow) {
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        lines.add("cell,month,x,y,count");
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                for (int s = 0; s < 8; s++) {
                    if (dropOneRow && i == 5 && j == 5 && s == 3) {
                        continue;
                    }
                    int value = 10 + random.nextInt(3) - 1 + (Math.abs(i - 2) <= 1 && Math.abs(j - 2) <= 1 ? 12 : 0);
                    lines.add(i + "_" + j + "," + (s + 1) + "," + i * 100 + "," + j * 100 + "," + value);
                }
            }
        }
        return CliRun.csv(dir, "cube.csv", lines.toArray(new String[0]));
    }

    @Test
    void categorisesEveryLocation() {
        CliRun run = CliRun.of("stats", "ehsa", "--input", cube(false).toString(), "--distance", "150",
                "--location", "cell", "--step", "month", "--value", "count");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("location,category,hot_steps,cold_steps,trend_tau,trend_p");
        assertThat(run.lines()).hasSize(1 + 100);
        int row22 = 2 * 10 + 2;
        assertThat(run.cell(row22, "location")).isEqualTo("2_2");
        assertThat(run.cell(row22, "category")).isEqualTo("persistent hot spot");
        assertThat(run.cell(row22, "hot_steps")).isEqualTo("8");
    }

    @Test
    void missingBinIsAnErrorUnlessMissingAsZero() {
        Path file = cube(true);
        CliRun strict = CliRun.of("stats", "ehsa", "--input", file.toString(), "--distance", "150",
                "--location", "cell", "--step", "month", "--value", "count");
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err()).contains("location 5_5 has no row for step 4");
        CliRun lenient = CliRun.of("stats", "ehsa", "--input", file.toString(), "--distance", "150",
                "--location", "cell", "--step", "month", "--value", "count", "--missing-as-zero");
        assertThat(lenient.exitCode()).as(lenient.err()).isZero();
    }

    @Test
    void nonIntegerStepIsAUserError() {
        Path file = CliRun.csv(dir, "cube.csv", "location,step,x,y,value", "a,1.5,0,0,1");
        CliRun run = CliRun.of("stats", "ehsa", "--input", file.toString(), "--distance", "150");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("row 1 (line 2), column 'step'").contains("not a whole number");
    }
}
