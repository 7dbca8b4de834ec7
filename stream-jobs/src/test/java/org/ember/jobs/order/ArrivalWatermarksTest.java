package org.ember.jobs.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.ember.model.Incident;
import org.junit.jupiter.api.Test;

class ArrivalWatermarksTest {
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            emitted.add(-1L);
        }

        @Override
        public void markActive() {}
    };

    private static Incident at(long appendedAt, long reported) {
        return new Incident("police", "CR-1", 1, false, reported - 60_000, reported, "violence", false, null, 0, 0, 0,
                0, true, "W01", "W06", "c", null, null, appendedAt);
    }

    @Test
    void theClockFollowsArrivalsAtOnceAndCatchesUpWhenTheFeedPauses() {
        ArrivalWatermarks<Incident> generator = new ArrivalWatermarks<>();
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("nothing read, no clock").isEmpty();
        generator.onEvent(at(1_000, 0), 1_000, output);
        generator.onEvent(at(1_000, 0), 1_000, output);
        generator.onEvent(at(900, 0), 900, output);
        assertThat(emitted).as("another record may share the newest arrival").containsExactly(999L);
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("records came since the last period").containsExactly(999L);
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("a quiet period: everything up to the newest has been read").containsExactly(999L, 1_000L);
        generator.onEvent(at(2_000, 0), 2_000, output);
        assertThat(emitted).containsExactly(999L, 1_000L, 1_999L);
    }

    @Test
    void inABoundedReplayAQuietPeriodDoesNotMoveTheClockOntoTheNewestArrival() {
        ArrivalWatermarks<Incident> generator = new ArrivalWatermarks<>(true);
        generator.onEvent(at(1_000, 0), 1_000, output);
        generator.onPeriodicEmit(output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("a held-up task proves nothing: another record may still share 1,000")
                .containsExactly(999L);
        generator.onEvent(at(1_000, 0), 1_000, output);
        generator.onEvent(at(2_000, 0), 2_000, output);
        assertThat(emitted).containsExactly(999L, 1_999L);
    }

    @Test
    void arrivalIsTheAppendTimeOrWithoutOneTheReportedTime() {
        assertThat(ArrivalWatermarks.arrivalOf(at(5_000, 3_000))).isEqualTo(5_000);
        assertThat(ArrivalWatermarks.arrivalOf(at(0, 3_000))).isEqualTo(3_000);
    }
}
