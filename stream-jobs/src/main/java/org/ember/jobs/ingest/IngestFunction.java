package org.ember.jobs.ingest;

import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.jobs.JobSettings;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.DeadLetter;
import org.ember.model.Feed;
import org.ember.model.Incident;
import org.ember.model.ingest.DeadLetterRedactor;
import org.ember.model.ingest.FeedParser;

/** Flink wrapper of {@link Ingestor} for one feed: incidents out, dead letters to a side output. */
public final class IngestFunction extends ProcessFunction<RawFeedRecord, Incident> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
        private static final long serialVersionUID = 1L;
    };

    private final Feed feed;
    private final JobSettings settings;
    private transient Ingestor ingestor;
    private transient DeadLetterRedactor redactor;
    private transient JobMetrics.Count in;
    private transient JobMetrics.Count processed;
    private transient JobMetrics.Count deadLettered;
    private transient java.util.concurrent.atomic.AtomicLong lastRecordSeconds;

    public IngestFunction(Feed feed, JobSettings settings) {
        this.feed = feed;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        AreaCatalogue catalogue = AreaCatalogue.load(Path.of(settings.dataDir()), settings.coverage());
        ingestor = new Ingestor(new FeedParser(settings.pseudonymiser(), settings.ingestLimits(), java.time.Clock.systemUTC()), new AreaPlacer(catalogue, settings.cellSizeMetres()));
        redactor = new DeadLetterRedactor(settings.pseudonymiser());
        JobMetrics metrics = JobMetrics.of(getRuntimeContext());
        metrics.buildInfo();
        in = metrics.recordsIn(feed.code());
        processed = metrics.recordsProcessed(feed.code());
        deadLettered = metrics.recordsDeadLettered(feed.code());
        lastRecordSeconds = metrics.lastRecordSeconds(feed.code());
        // Silence is counted from the task's start, not from 1970, until the first record arrives.
        lastRecordSeconds.set(System.currentTimeMillis() / 1000);
    }

    @Override
    public void processElement(RawFeedRecord record, Context ctx, Collector<Incident> out) {
        in.increment();
        lastRecordSeconds.set(System.currentTimeMillis() / 1000);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        IngestResult result = ingestor.ingest(feed, value, record.timestamp());
        if (result.isAccepted()) {
            processed.increment();
            out.collect(result.incident().appendedAt(record.timestamp()));
        } else {
            deadLettered.increment();
            DeadLetterRedactor.Redacted original = redactor.redact(value);
            ctx.output(DEAD_LETTERS, new DeadLetter(feed.code(), record.topic(), record.partition(), record.offset(),
                    record.timestamp(), result.rejection(), original.length(), original.sha256(), original.rendering()));
        }
    }
}
