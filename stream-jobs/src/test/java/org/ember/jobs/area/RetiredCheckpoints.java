package org.ember.jobs.area;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.OperatorStreamStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;

/** Checkpoint directories as Flink writes them, holding a little state of each named operator (by uid). */
public final class RetiredCheckpoints {
    private RetiredCheckpoints() {}

    /** Writes {@code directory}/_metadata with some operator state of each of {@code uids}; returns the directory. */
    public static Path write(Path directory, String... uids) throws Exception {
        List<OperatorState> states = new ArrayList<>();
        for (String uid : uids) {
            OperatorState state = new OperatorState(uid, uid, RetiredOperators.operatorId(uid), 1, 128);
            OperatorStateHandle handle = new OperatorStreamStateHandle(
                    Map.of("s", new OperatorStateHandle.StateMetaInfo(new long[] {0}, OperatorStateHandle.Mode.SPLIT_DISTRIBUTE)),
                    new ByteStreamStateHandle(uid + "-bytes", new byte[] {1, 2, 3}));
            state.putState(0, OperatorSubtaskState.builder().setManagedOperatorState(handle).build());
            states.add(state);
        }
        Path checkpoint = Files.createDirectories(directory);
        try (OutputStream out = Files.newOutputStream(checkpoint.resolve("_metadata"));
                DataOutputStream data = new DataOutputStream(out)) {
            Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(7L, states, List.of()), data);
        }
        return checkpoint;
    }
}
