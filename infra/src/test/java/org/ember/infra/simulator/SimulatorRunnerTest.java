package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ember.model.Feed;
import org.junit.jupiter.api.Test;

class SimulatorRunnerTest {
    private static final Instant FRIDAY_2200 = Instant.parse("2025-01-10T22:00:00Z");

    /** A wall clock that only moves when the runner sleeps. */
    private static final class FakeClock implements WallClock {
        long now = 1_000_000;
        Runnable onSleep = () -> {};

        @Override
        public long millis() {
            return now;
        }

        @Override
        public void sleep(long millis) {
            now += millis;
            onSleep.run();
        }
    }

    /** A producer that notes the wall-clock time of every send and completes it at once, or fails it. */
    private static final class RecordingProducer extends MockProducer<String, byte[]> {
        final List<Long> sentAt = new ArrayList<>();
        private final FakeClock clock;
        private final boolean fail;

        RecordingProducer(FakeClock clock, boolean fail) {
            super(!fail, null, new StringSerializer(), new ByteArraySerializer());
            this.clock = clock;
            this.fail = fail;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            sentAt.add(clock.millis());
            Future<RecordMetadata> future = super.send(record, callback);
            if (fail) {
                errorNext(new TimeoutException("no broker"));
            }
            return future;
        }
    }

    private static SimulatedRecord record(Feed feed, Instant at, String key, boolean malformed) {
        String value = malformed ? "{\"broken\":" : "{\"id\":\"" + key + "\"}";
        return new SimulatedRecord(feed, at.toEpochMilli(), key, value.getBytes(StandardCharsets.UTF_8), "truth-" + key, malformed);
    }

    /** Police at 22:00, ambulance at 23:00, A&E (malformed) at 00:30: an hour and a half apart at most. */
    private static List<SimulatedRecord> aFridayNight() {
        return List.of(
                record(Feed.POLICE, FRIDAY_2200, "p1", false),
                record(Feed.AMBULANCE, FRIDAY_2200.plus(Duration.ofHours(1)), "a1", false),
                record(Feed.AE, FRIDAY_2200.plus(Duration.ofMinutes(150)), "e1", true));
    }

    private static SimulatorRunner runner(List<SimulatedRecord> records, RecordingProducer producer, FakeClock clock,
            double speed, SimulatorRunner.Limits limits) {
        return new SimulatorRunner(records.iterator(), producer, speed, limits, clock, Duration.ofSeconds(10));
    }

    @Test
    void asFastAsPossibleSendsEveryRecordToItsTopicStampedWithItsEmitTime() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, false);

        SimulatorRunner.Result result = runner(aFridayNight(), producer, clock, 0, SimulatorRunner.Limits.none()).run();

        assertThat(result.reason()).isEqualTo(SimulatorRunner.StopReason.FINISHED);
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("feed.police", "feed.ambulance", "feed.ae");
        assertThat(producer.history()).extracting(ProducerRecord::timestamp)
                .containsExactlyElementsOf(aFridayNight().stream().map(SimulatedRecord::emitTime).toList());
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("p1", "a1", "e1");
        assertThat(new String(producer.history().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"p1\"}");
        assertThat(producer.sentAt).containsOnly(1_000_000L);
        assertThat(result.stats().sent(Feed.POLICE)).isEqualTo(1);
        assertThat(result.stats().sent(Feed.AE)).isEqualTo(1);
        assertThat(result.stats().malformedSent(Feed.AE)).isEqualTo(1);
        assertThat(result.stats().totalSent()).isEqualTo(3);
        assertThat(result.stats().totalMalformedSent()).isEqualTo(1);
        assertThat(result.stats().lastEmitTime()).isEqualTo(aFridayNight().get(2).emitTime());
    }

    @Test
    void atSpeed3600AnHourOfSimulatedTimeTakesOneSecond() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, false);

        runner(aFridayNight(), producer, clock, 3600, SimulatorRunner.Limits.none()).run();

        assertThat(producer.sentAt).containsExactly(1_000_000L, 1_001_000L, 1_002_500L);
    }

    @Test
    void aSimulatedLimitStopsBeforeTheFirstRecordBeyondIt() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, false);

        SimulatorRunner.Result result = runner(aFridayNight(), producer, clock, 0,
                new SimulatorRunner.Limits(Duration.ofMinutes(90), null, 0)).run();

        assertThat(result.reason()).isEqualTo(SimulatorRunner.StopReason.SIMULATED_LIMIT);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("p1", "a1");
    }

    @Test
    void aWallLimitStopsWhileWaiting() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, false);

        SimulatorRunner.Result result = runner(aFridayNight(), producer, clock, 3600,
                new SimulatorRunner.Limits(null, Duration.ofMillis(1500), 0)).run();

        assertThat(result.reason()).isEqualTo(SimulatorRunner.StopReason.WALL_LIMIT);
        assertThat(producer.history()).hasSize(2);
        assertThat(clock.now - 1_000_000).isEqualTo(1500);
    }

    @Test
    void aRecordLimitStopsAfterThatManyRecords() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, false);

        SimulatorRunner.Result result = runner(aFridayNight(), producer, clock, 0, new SimulatorRunner.Limits(null, null, 1)).run();

        assertThat(result.reason()).isEqualTo(SimulatorRunner.StopReason.RECORD_LIMIT);
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void stopEndsTheRunWhileItWaitsAndCloseClosesTheProducer() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, false);
        SimulatorRunner runner = runner(aFridayNight(), producer, clock, 3600, SimulatorRunner.Limits.none());
        clock.onSleep = () -> {
            if (clock.now >= 1_000_400) {
                runner.stop();
            }
        };

        SimulatorRunner.Result result = runner.run();
        runner.close();

        assertThat(result.reason()).isEqualTo(SimulatorRunner.StopReason.STOPPED);
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void failedSendsAreCountedNotSent() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, true);

        SimulatorRunner.Result result = runner(aFridayNight(), producer, clock, 0, SimulatorRunner.Limits.none()).run();

        assertThat(result.stats().failed()).isEqualTo(3);
        assertThat(result.stats().totalSent()).isZero();
        assertThat(result.stats().summary()).contains("3 failed");
    }

    @Test
    void aRealMonthIsSentInFullWithPerFeedCounts() {
        FakeClock clock = new FakeClock();
        RecordingProducer producer = new RecordingProducer(clock, false);
        List<SimulatedRecord> january = SimulatorFixtures.january().records();

        SimulatorRunner.Result result = runner(january, producer, clock, 0, SimulatorRunner.Limits.none()).run();

        ReplayCounts counts = SimulatorFixtures.january().counts();
        for (Feed feed : Feed.values()) {
            assertThat(result.stats().sent(feed)).isEqualTo(counts.records(feed));
            assertThat(result.stats().malformedSent(feed)).isEqualTo(counts.malformed(feed));
        }
        assertThat(producer.history()).allMatch(r -> Feed.fromTopic(r.topic()).isPresent());
    }
}
