package org.ember.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DrainDetectorTest {
    private static final long MS = 1_000_000L;

    /** Feeds samples every 100 ms at the given cores per stretch; returns the detector. */
    private static DrainDetector run(double[] coresPerSecond) {
        DrainDetector d = new DrainDetector(0.3, 2_000 * MS);
        long wall = 0;
        long cpu = 0;
        d.add(wall, cpu);
        for (double cores : coresPerSecond) {
            for (int i = 0; i < 10; i++) {
                wall += 100 * MS;
                cpu += (long) (cores * 100 * MS);
                if (d.add(wall, cpu)) {
                    return d;
                }
            }
        }
        return d;
    }

    @Test
    void aBusyJobThatGoesQuietHasDrainedWhenItWentQuiet() {
        DrainDetector d = run(new double[] {1.8, 1.7, 1.9, 0.05, 0.05, 0.05, 0.05});
        assertThat(d.drainedAt()).isEqualTo(3_000 * MS);
    }

    @Test
    void aBlipOfWorkInsideTheQuietStretchStartsItAgain() {
        // A checkpoint's second of work at 1 core: the stretch restarts after it.
        DrainDetector d = run(new double[] {1.8, 0.05, 1.0, 0.05, 0.05, 0.05});
        assertThat(d.drainedAt()).isEqualTo(3_000 * MS);
    }

    @Test
    void aJobThatNeverGoesQuietHasNotDrained() {
        DrainDetector d = run(new double[] {1.8, 1.8, 0.5, 1.8, 0.4, 1.8});
        assertThat(d.drainedAt()).isEqualTo(-1);
    }

    @Test
    void aShortQuietStretchIsNotEnough() {
        DrainDetector d = run(new double[] {1.8, 0.05, 1.8, 0.05, 1.8});
        assertThat(d.drainedAt()).isEqualTo(-1);
    }

    @Test
    void thresholdsMustBePositive() {
        assertThatThrownBy(() -> new DrainDetector(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DrainDetector(0.3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
