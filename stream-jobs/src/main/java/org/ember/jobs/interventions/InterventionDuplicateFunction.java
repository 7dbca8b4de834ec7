package org.ember.jobs.interventions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.jobs.JobSettings;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.DeadLetter;
import org.ember.model.ingest.DeadLetterRedactor;
import org.ember.model.interventions.InterventionParser;
import org.ember.model.codec.Json;
import org.ember.model.interventions.Intervention;
import org.ember.model.interventions.InterventionRegister;

/**
 * Per type and partner, the interventions accepted so far: a record that duplicates one of them
 * (overlapping areas and time under another id, or an old version) is dead-lettered with the id it
 * repeats. Interventions that ended more than {@link #KEEP} before the newest start seen are
 * dropped from state: nothing that late can overlap them.
 */
public final class InterventionDuplicateFunction extends KeyedProcessFunction<String, InterventionRecord, InterventionRecord> {
    private static final long serialVersionUID = 1L;
    static final Duration KEEP = Duration.ofDays(90);
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("intervention-duplicates") {
        private static final long serialVersionUID = 1L;
    };

    private final JobSettings settings;
    private transient MapState<String, String> accepted;
    private transient DeadLetterRedactor redactor;

    public InterventionDuplicateFunction(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        redactor = new DeadLetterRedactor(settings.pseudonymiser());
        accepted = getRuntimeContext().getMapState(new MapStateDescriptor<>("interventions", Types.STRING, Types.STRING));
    }

    @Override
    public void processElement(InterventionRecord r, Context ctx, Collector<InterventionRecord> out) throws Exception {
        Intervention incoming = Json.mapper().readValue(r.json(), Intervention.class);
        InterventionRegister register = new InterventionRegister();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : accepted.entries()) {
            Intervention known = Json.mapper().readValue(e.getValue(), Intervention.class);
            if (known.end().plus(KEEP).isBefore(incoming.start())) {
                stale.add(e.getKey());
            } else {
                register.offer(known);
            }
        }
        for (String id : stale) {
            accepted.remove(id);
        }
        Optional<String> problem = register.offer(incoming);
        if (problem.isPresent()) {
            byte[] bytes = r.json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ctx.output(DEAD_LETTERS, InterventionParseFunction.deadLetter(redactor,
                    new RawFeedRecord(InterventionParser.TOPIC, -1, -1, ctx.timerService().currentProcessingTime(), bytes), bytes,
                    problem.get()));
            return;
        }
        accepted.put(r.id(), r.json());
        out.collect(r);
    }
}
