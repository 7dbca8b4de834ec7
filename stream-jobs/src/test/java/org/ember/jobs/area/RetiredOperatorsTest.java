package org.ember.jobs.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetiredOperatorsTest {
    @TempDir
    Path dir;

    @Test
    void theOperatorIdOfAUidIsTheOneFlinkGivesIt() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(1, 2, 3).uid("source").map(x -> x + 1).uid("area-counts").disableChaining()
                .map(x -> x * 2).uid("rule-evaluation").disableChaining()
                .sinkTo(new DiscardingSink<>()).uid("sink");
        JobGraph graph = env.getStreamGraph().getJobGraph();
        List<OperatorID> ids = new ArrayList<>();
        for (JobVertex vertex : graph.getVertices()) {
            for (OperatorIDPair pair : vertex.getOperatorIDs()) {
                ids.add(pair.getGeneratedOperatorID());
            }
        }
        assertThat(ids).contains(RetiredOperators.operatorId("area-counts"), RetiredOperators.operatorId("rule-evaluation"),
                RetiredOperators.operatorId("source"));
    }

    @Test
    void aCheckpointWithStateOfTheSeparateCountsOrRuleOperatorsIsRefusedSayingWhy() throws Exception {
        Path checkpoint = write("chk-7", "latest-version", "area-counts", "rule-evaluation");
        assertThatThrownBy(() -> RetiredOperators.check(checkpoint))
                .isInstanceOf(RetiredOperators.RetiredStateException.class)
                .hasMessageContaining("area-counts (hourly counts per area, now kept by area-counts-rules)")
                .hasMessageContaining("rule-evaluation (rule state per area")
                .hasMessageContaining("Start the job afresh");
        assertThatThrownBy(() -> RetiredOperators.check(checkpoint.resolve("_metadata")))
                .isInstanceOf(RetiredOperators.RetiredStateException.class);
    }

    @Test
    void aRestoreLocationIsReadAsAPathOrAFileUriAndLeftToFlinkOnAnotherFileSystem() throws Exception {
        Path checkpoint = write("chk-9", "area-counts");
        assertThatThrownBy(() -> RetiredOperators.check(checkpoint.toString()))
                .isInstanceOf(RetiredOperators.RetiredStateException.class);
        assertThatThrownBy(() -> RetiredOperators.check(checkpoint.toUri().toString()))
                .isInstanceOf(RetiredOperators.RetiredStateException.class);
        assertThatCode(() -> RetiredOperators.check("s3://bucket/checkpoints/chk-9")).doesNotThrowAnyException();
        assertThatCode(() -> RetiredOperators.check((String) null)).doesNotThrowAnyException();
    }

    @Test
    void aCheckpointOfThisVersionRestores() throws Exception {
        Path checkpoint = write("chk-8", "latest-version", AreaStage.UID);
        assertThatCode(() -> RetiredOperators.check(checkpoint)).doesNotThrowAnyException();
        assertThatCode(() -> RetiredOperators.check(dir.resolve("elsewhere"))).as("not a local checkpoint: Flink's to judge")
                .doesNotThrowAnyException();
    }

    private Path write(String name, String... uids) throws Exception {
        return RetiredCheckpoints.write(dir.resolve(name), uids);
    }
}
