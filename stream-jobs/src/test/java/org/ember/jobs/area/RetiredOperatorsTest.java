package org.ember.jobs.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.OperatorStreamStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
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
    void aCheckpointOfThisVersionRestores() throws Exception {
        Path checkpoint = write("chk-8", "latest-version", AreaStage.UID);
        assertThatCode(() -> RetiredOperators.check(checkpoint)).doesNotThrowAnyException();
        assertThatCode(() -> RetiredOperators.check(dir.resolve("elsewhere"))).as("not a local checkpoint: Flink's to judge")
                .doesNotThrowAnyException();
    }

    /** A checkpoint directory whose metadata holds some operator state of each of {@code uids}. */
    private Path write(String name, String... uids) throws Exception {
        List<OperatorState> states = new ArrayList<>();
        for (String uid : uids) {
            OperatorState state = new OperatorState(uid, uid, RetiredOperators.operatorId(uid), 1, 128);
            OperatorStateHandle handle = new OperatorStreamStateHandle(
                    Map.of("s", new OperatorStateHandle.StateMetaInfo(new long[] {0}, OperatorStateHandle.Mode.SPLIT_DISTRIBUTE)),
                    new ByteStreamStateHandle(uid + "-bytes", new byte[] {1, 2, 3}));
            state.putState(0, OperatorSubtaskState.builder().setManagedOperatorState(handle).build());
            states.add(state);
        }
        Path checkpoint = Files.createDirectories(dir.resolve(name));
        try (OutputStream out = Files.newOutputStream(checkpoint.resolve("_metadata"));
                DataOutputStream data = new DataOutputStream(out)) {
            Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(7L, states, List.of()), data);
        }
        return checkpoint;
    }
}
