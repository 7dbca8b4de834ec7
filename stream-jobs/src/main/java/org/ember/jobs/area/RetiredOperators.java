package org.ember.jobs.area;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;

/**
 * Operators of earlier job versions whose state no operator of this version can take, by uid: a
 * checkpoint that holds state of one of them is refused with a message that says why, instead of
 * the job starting their part afresh. Flink alone only refuses it when
 * {@code allowNonRestoredState} is false (cluster submissions, {@code FlinkRest}); {@code ember job}
 * restores its own last checkpoint ignoring unclaimed state (a stage the run leaves out), which would
 * silently start every area's counts and alerts from nothing.
 */
public final class RetiredOperators {
    private RetiredOperators() {}

    /** Retired uid → why its state cannot be carried over. */
    static final Map<String, String> RETIRED = Map.of(
            "area-counts", "hourly counts per area, now kept by " + AreaStage.UID,
            "rule-evaluation", "rule state per area, now kept by " + AreaStage.UID);

    /** A checkpoint this job version must not restore. */
    public static final class RetiredStateException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RetiredStateException(String message) {
            super(message);
        }
    }

    /**
     * The id Flink gives an operator with uid {@code uid} (StreamGraphHasherV2: murmur3-128, seed 0,
     * of the uid's UTF-8 bytes), the id a checkpoint's operator states are filed under.
     */
    static OperatorID operatorId(String uid) {
        return new OperatorID(Hashing.murmur3_128(0).newHasher().putString(uid, StandardCharsets.UTF_8).hash().asBytes());
    }

    /**
     * As {@link #check(Path)} for a restore location as Flink takes it ({@code execution.state-recovery.path},
     * a cluster submission's {@code savepointPath}): a plain path or a {@code file:} URI is read here;
     * a location on another file system (s3, hdfs) is left to Flink, which refuses it with its own message.
     */
    public static void check(String location) throws IOException {
        if (location == null || location.isBlank()) {
            return;
        }
        Path path;
        if (location.startsWith("file:")) {
            path = Path.of(java.net.URI.create(location));
        } else if (location.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return; // another file system's URI
        } else {
            path = Path.of(location);
        }
        check(path);
    }

    /**
     * Refuses the checkpoint or savepoint at {@code checkpoint} (its directory or its {@code _metadata}
     * file) when it holds state of a retired operator.
     *
     * @throws RetiredStateException naming the operators, what they held and what to do
     */
    public static void check(Path checkpoint) throws IOException {
        Path metadata = Files.isDirectory(checkpoint) ? checkpoint.resolve("_metadata") : checkpoint;
        if (!Files.isRegularFile(metadata)) {
            return; // not a local checkpoint: Flink reports what is wrong with it
        }
        CheckpointMetadata loaded;
        try (InputStream in = Files.newInputStream(metadata); DataInputStream data = new DataInputStream(in)) {
            loaded = Checkpoints.loadCheckpointMetadata(data, RetiredOperators.class.getClassLoader(),
                    metadata.getParent().toString());
        }
        List<String> found = new ArrayList<>();
        for (OperatorState state : loaded.getOperatorStates()) {
            for (Map.Entry<String, String> retired : RETIRED.entrySet()) {
                if (state.getOperatorID().equals(operatorId(retired.getKey())) && state.getStateSize() > 0) {
                    found.add(retired.getKey() + " (" + retired.getValue() + ")");
                }
            }
        }
        if (!found.isEmpty()) {
            found.sort(null);
            throw new RetiredStateException("checkpoint " + checkpoint + " was taken by an earlier job version whose "
                    + "operators " + String.join(" and ", found) + " this version no longer has: hourly counts and "
                    + "rule evaluation are one operator now, and their state cannot be carried into it. Start the job "
                    + "afresh without this checkpoint (its input replays from Kafka), or run the earlier version to "
                    + "finish from it.");
        }
    }
}
