package org.ember.jobs.area;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.snapshot.RuleSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set one task evaluates: the one the job started with (version 0) until a snapshot is
 * accepted into broadcast state, then that one, compiled once per version per task.
 */
final class RulesInForce {
    private static final Logger LOG = LoggerFactory.getLogger(RulesInForce.class);

    /** Broadcast state: the accepted snapshot's JSON under "snapshot", its "version:hash" under "version". */
    static final MapStateDescriptor<String, String> DESCRIPTOR =
            new MapStateDescriptor<>("rules-in-force", Types.STRING, Types.STRING);
    private static final String SNAPSHOT = "snapshot";
    private static final String VERSION = "version";

    private final RuleFileLoader loader;
    private RuleSet current;
    private String currentVersion;
    /**
     * Whether {@link #current} is known to be the rule set in broadcast state: once read after a
     * (re)start, the state only changes through {@link #accept}, so a timer or an update need not look
     * the broadcast state up again (a map probe per call).
     */
    private boolean known;

    RulesInForce(RuleFileLoader loader, RuleSet startedWith) {
        this.loader = loader;
        this.current = startedWith;
    }

    boolean known() {
        return known;
    }

    /** The rule set in force, when {@link #known}. */
    RuleSet current() {
        return current;
    }

    /** The rule set of the broadcast state, compiled when its version is new to this task. */
    RuleSet read(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String version = state.get(VERSION);
        if (version != null && !version.equals(currentVersion)) {
            RuleSnapshot snapshot = RuleSnapshot.parse(state.get(SNAPSHOT).getBytes(StandardCharsets.UTF_8));
            try {
                current = loader.load(snapshot.sources(), snapshot.version());
            } catch (RuleFileException e) {
                // It loaded when it was accepted; only a change of vocabulary or areas between job versions gets here.
                LOG.error("Rule snapshot {} in state no longer loads; keeping {}: {}", version, current.label(),
                        e.getMessage());
            }
            currentVersion = version;
        }
        known = true;
        return current;
    }

    /** An accepted snapshot goes into broadcast state (so it survives restarts) and is in force from now. */
    void accept(BroadcastState<String, String> state, byte[] snapshotJson, RuleSet accepted) throws Exception {
        String version = accepted.version() + ":" + accepted.contentHash();
        state.put(SNAPSHOT, new String(snapshotJson, StandardCharsets.UTF_8));
        state.put(VERSION, version);
        current = accepted;
        currentVersion = version;
        known = true;
    }

    RuleFileLoader loader() {
        return loader;
    }
}
