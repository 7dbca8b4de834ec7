package org.ember.jobs.interventions;

import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.geo.grid.GridCell;
import org.ember.jobs.JobSettings;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.DeadLetter;
import org.ember.model.codec.Json;
import org.ember.model.ingest.DeadLetterRedactor;
import org.ember.model.interventions.Intervention;
import org.ember.model.interventions.InterventionOutcome;
import org.ember.model.interventions.InterventionParser;

/**
 * Reads {@code feed.interventions}: checks each record against its schema and the deployment's
 * areas and cells ({@link InterventionParser}); accepted ones go on, the rest to the dead letters
 * with their reason, redacted like every feed's.
 */
public final class InterventionParseFunction extends ProcessFunction<RawFeedRecord, InterventionRecord> {
    private static final long serialVersionUID = 1L;
    public static final String FEED = "interventions";
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("intervention-dead-letters") {
        private static final long serialVersionUID = 1L;
    };

    private final JobSettings settings;
    private transient InterventionParser parser;
    private transient DeadLetterRedactor redactor;

    public InterventionParseFunction(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        AreaCatalogue catalogue = AreaCatalogue.load(Path.of(settings.dataDir()), settings.coverage());
        AreaPlacer placer = new AreaPlacer(catalogue, settings.cellSizeMetres());
        int size = settings.cellSizeMetres();
        parser = new InterventionParser(a -> catalogue.lsoa(a).isPresent(), c -> {
            GridCell cell = GridCell.parse(c);
            return cell.sizeMetres() == size && placer.placeGrid(cell.centreX(), cell.centreY()).placed();
        });
        redactor = new DeadLetterRedactor(settings.pseudonymiser());
    }

    @Override
    public void processElement(RawFeedRecord record, Context ctx, Collector<InterventionRecord> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        InterventionOutcome outcome = parser.parse(value);
        if (outcome instanceof InterventionOutcome.Accepted a) {
            Intervention i = a.intervention();
            out.collect(new InterventionRecord(i.interventionId(), i.type() + "|" + i.partner(), Json.toText(i)));
        } else if (outcome instanceof InterventionOutcome.Rejected r) {
            ctx.output(DEAD_LETTERS, deadLetter(redactor, record, value, r.reason()));
        }
    }

    static DeadLetter deadLetter(DeadLetterRedactor redactor, RawFeedRecord record, byte[] value, String reason) {
        DeadLetterRedactor.Redacted original = redactor.redact(value);
        return new DeadLetter(FEED, record.topic(), record.partition(), record.offset(), record.timestamp(), reason, original.length(),
                original.sha256(), original.rendering());
    }
}
