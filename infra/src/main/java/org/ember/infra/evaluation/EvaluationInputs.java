package org.ember.infra.evaluation;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ember.model.Alert;
import org.ember.model.Incident;
import org.ember.model.codec.Json;
import org.ember.model.interventions.Intervention;
import org.ember.model.interventions.InterventionOutcome;
import org.ember.model.interventions.InterventionParser;
import org.ember.model.interventions.InterventionRegister;
import org.ember.rules.delivery.ControlMessage;
import org.ember.rules.oncall.Acknowledgement;

/**
 * What an evaluation reads, from files so that it works without the job: incidents as JSON lines
 * (the {@link Incident} records the job places), interventions as {@code feed.interventions}
 * records one per line (checked like the feed: rejected lines are kept with their reason), alerts
 * as JSON lines of {@link Alert} ({@code ember.alerts}) and acknowledgements as JSON lines of
 * {@link ControlMessage} ({@code ember.acks}).
 */
public record EvaluationInputs(List<Incident> incidents, List<Intervention> interventions, List<Rejected> rejected, List<Alert> alerts,
        List<Acknowledgement> acks) {

    /** An intervention line that was refused, as it would be dead-lettered. */
    public record Rejected(int line, String reason) {}

    public static final String INCIDENTS = "incidents.jsonl";
    public static final String INTERVENTIONS = "interventions.jsonl";
    public static final String ALERTS = "alerts.jsonl";
    public static final String ACKS = "acks.jsonl";

    /**
     * @param knownArea areas the deployment covers (for the unknown-area check)
     * @param knownCell cells likewise
     */
    public static EvaluationInputs read(Path incidents, Path interventions, Path alerts, Path acks,
            InterventionParser.SerializablePredicate knownArea, InterventionParser.SerializablePredicate knownCell) {
        List<Incident> inc = new ArrayList<>();
        for (String line : lines(incidents)) {
            Incident i = Json.mapper().convertValue(tree(line, incidents), Incident.class);
            if (!i.cancelled()) {
                inc.add(i);
            }
        }
        InterventionParser parser = new InterventionParser(knownArea, knownCell);
        InterventionRegister register = new InterventionRegister();
        List<Rejected> rejected = new ArrayList<>();
        // Blank lines are skipped but still numbered, so a reason names the line an editor shows.
        List<String> ivLines;
        try {
            ivLines = Files.readAllLines(interventions, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + interventions, e);
        }
        for (int n = 0; n < ivLines.size(); n++) {
            int line = n + 1;
            if (ivLines.get(n).isBlank()) {
                continue;
            }
            InterventionOutcome o = parser.parse(ivLines.get(n).getBytes(StandardCharsets.UTF_8));
            if (o instanceof InterventionOutcome.Rejected r) {
                rejected.add(new Rejected(line, r.reason()));
            } else if (o instanceof InterventionOutcome.Accepted a) {
                register.offer(a.intervention()).ifPresent(reason -> rejected.add(new Rejected(line, reason)));
            }
        }
        List<Alert> al = new ArrayList<>();
        if (alerts != null) {
            for (String line : lines(alerts)) {
                al.add(Json.mapper().convertValue(tree(line, alerts), Alert.class));
            }
        }
        List<Acknowledgement> ak = new ArrayList<>();
        if (acks != null) {
            for (String line : lines(acks)) {
                ControlMessage m = Json.mapper().convertValue(tree(line, acks), ControlMessage.class);
                if (ControlMessage.ACK.equals(m.kind())) {
                    ak.add(m.ack());
                }
            }
        }
        return new EvaluationInputs(inc, register.active(), rejected, al, ak);
    }

    /** Accepts anything: for inputs already placed by the job. */
    public static InterventionParser.SerializablePredicate anyUnit() {
        return u -> true;
    }

    public static void writeLines(Path file, List<?> values) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object v : values) {
                w.write(Json.toText(v));
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String line, Path file) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
