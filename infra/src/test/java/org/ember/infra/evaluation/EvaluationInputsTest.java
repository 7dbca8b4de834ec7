package org.ember.infra.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ember.model.interventions.Intervention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline inputs are checked like the feed: bad interventions are refused with their line and reason. */
class EvaluationInputsTest {

    @Test
    void badInterventionLinesAreRefusedWithTheirReasons(@TempDir Path dir) throws Exception {
        Path incidents = Files.writeString(dir.resolve("incidents.jsonl"), "");
        Path interventions = Files.writeString(dir.resolve("interventions.jsonl"), String.join("\n",
                "{\"intervention_id\":\"S1\",\"type\":\"school_session\",\"partner\":\"cardiff-council\",\"areas\":[\"W01001690\"],"
                        + "\"start\":\"2025-03-03T09:00:00Z\",\"end\":\"2025-03-03T12:00:00Z\"}",
                "",
                "{\"intervention_id\":\"S1-copy\",\"type\":\"school_session\",\"partner\":\"cardiff-council\",\"areas\":[\"W01001690\"],"
                        + "\"start\":\"2025-03-03T10:00:00Z\",\"end\":\"2025-03-03T11:00:00Z\"}",
                "{\"intervention_id\":\"S2\",\"type\":\"school_session\",\"partner\":\"cardiff-council\",\"areas\":[\"W01999999\"],"
                        + "\"start\":\"2025-03-03T09:00:00Z\",\"end\":\"2025-03-03T12:00:00Z\"}",
                "{\"intervention_id\":\"S3\",\"type\":\"school_session\",\"partner\":\"cardiff-council\",\"areas\":[\"W01001690\"],"
                        + "\"start\":\"2025-03-04T09:00:00Z\",\"end\":\"2025-03-04T09:00:00Z\"}") + "\n");
        Set<String> known = Set.of("W01001690");
        EvaluationInputs in = EvaluationInputs.read(incidents, interventions, null, null, known::contains, c -> false);
        assertThat(in.interventions()).extracting(Intervention::interventionId).containsExactly("S1");
        assertThat(in.rejected()).extracting(EvaluationInputs.Rejected::line).containsExactly(3, 4, 5);
        assertThat(in.rejected().get(0).reason()).contains("overlapping duplicate of S1");
        assertThat(in.rejected().get(1).reason()).contains("unknown areas").contains("W01999999");
        assertThat(in.rejected().get(2).reason()).contains("is not after start");
    }
}
