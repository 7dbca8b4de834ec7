package org.ember.jobs.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.order.FeedClock;
import org.ember.jobs.order.FeedClock.PartitionEnds;
import org.ember.jobs.records.RawFeedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's clock on a live Kafka feed, assigned to the raw records as they are read (so a record
 * that ingest will dead-letter still counts as read): arrival time is the record's Kafka timestamp,
 * the clock is the slowest of the reader's partitions, and a quiet partition stops holding it only
 * when the broker confirms it has been read to the end ({@link FeedClock}). A feed that was merely
 * slow to be read, at start-up or behind another feed's backlog, keeps holding it, so its records
 * are applied in order and the output does not depend on how loaded the machine was.
 */
public final class KafkaArrivalClock {
    /**
     * The longest a quiet partition holds the clock when the broker cannot confirm it has been read
     * to the end (broker unreachable, a gap left by an aborted transaction). Each time it happens it
     * is counted on {@code ember_feed_forced_idle}.
     */
    public static final Duration MAX_HOLD = Duration.ofSeconds(10);

    private KafkaArrivalClock() {}

    /**
     * @param quiet       how long a partition goes without a record before the reader asks the broker whether it is done
     * @param parallelism the readers' parallelism, to know which partitions each reader is assigned
     *                    (below 1: not known before the cluster decides)
     */
    static WatermarkStrategy<RawFeedRecord> strategy(String topic, KafkaEndOffsets broker, Duration quiet, int parallelism) {
        long quietMillis = quiet.toMillis();
        long maxHoldMillis = Math.max(MAX_HOLD.toMillis(), quietMillis);
        WatermarkGeneratorSupplier<RawFeedRecord> generators = context -> new Generator(topic, broker,
                new FeedClock(quietMillis, maxHoldMillis, assigned(topic, context, parallelism),
                        context.getInputActivityClock().relativeTimeMillis()),
                context.getInputActivityClock(), JobMetrics.of(context.getMetricGroup()).forcedIdle(topic));
        return WatermarkStrategy.<RawFeedRecord>forGenerator(generators)
                .withTimestampAssigner((record, previous) -> record.timestamp());
    }

    /**
     * The partitions the Kafka source assigns to this reader, by the connector's rule (the topic's
     * hash picks the first reader, partitions follow round-robin); null when this reader's index is
     * not known, and then only the partitions it has read count.
     */
    static IntPredicate assigned(String topic, WatermarkGeneratorSupplier.Context context, int parallelism) {
        if (parallelism == 1) {
            return partition -> true;
        }
        if (parallelism < 1) {
            return null;
        }
        String index = context.getMetricGroup().getAllVariables().get("<subtask_index>");
        if (index == null) {
            return null;
        }
        int reader = Integer.parseInt(index);
        int first = ((topic.hashCode() * 31) & 0x7FFFFFFF) % parallelism;
        return partition -> (first + partition) % parallelism == reader;
    }

    private static final class Generator implements WatermarkGenerator<RawFeedRecord> {
        private static final Logger LOG = LoggerFactory.getLogger(KafkaArrivalClock.class);

        private final String topic;
        private final KafkaEndOffsets broker;
        private final FeedClock clock;
        private final RelativeClock wall;
        private final JobMetrics.Count forcedIdle;
        private CompletableFuture<PartitionEnds> question;

        Generator(String topic, KafkaEndOffsets broker, FeedClock clock, RelativeClock wall, JobMetrics.Count forcedIdle) {
            this.topic = topic;
            this.broker = broker;
            this.clock = clock;
            this.wall = wall;
            this.forcedIdle = forcedIdle;
        }

        @Override
        public void onEvent(RawFeedRecord record, long timestamp, WatermarkOutput output) {
            if (clock.idle()) {
                output.markActive();
            }
            emit(clock.onRecord(record.partition(), record.offset(), timestamp, wall.relativeTimeMillis()), output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (question != null && question.isDone()) {
                clock.onProbeAnswered(question.isCompletedExceptionally() ? null : question.join());
                question = null;
            }
            long now = wall.relativeTimeMillis();
            boolean wasIdle = clock.idle();
            FeedClock.Tick tick = clock.tick(now);
            emit(tick.watermark(), output);
            for (int i = 0; i < tick.forced(); i++) {
                forcedIdle.increment();
                LOG.warn("A partition of {} has been quiet for {} and the broker has not confirmed it was read to the "
                        + "end; it stops holding the clock anyway", topic, MAX_HOLD);
            }
            switch (tick.verdict()) {
                case HOLD -> { }
                case PROBE -> {
                    LOG.debug("{} quiet: asking the broker whether it was read to the end", topic);
                    clock.onProbeAsked(now);
                    question = broker.ask(topic);
                }
                case IDLE -> {
                    if (!wasIdle) {
                        LOG.debug("{} read to the end: idle", topic);
                        output.markIdle();
                    }
                }
            }
        }

        private static void emit(long watermark, WatermarkOutput output) {
            if (watermark != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(watermark));
            }
        }
    }
}
