package org.ember.rules.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.model.codec.Json;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.SourceFile;

/**
 * A whole rule set as published on the compacted {@code ember.rules} topic, under the key
 * {@value #KEY}: every file's text, a version number one higher than the previous push, and a hash
 * of the contents. The job reloads from it; the highest valid version wins.
 *
 * @param type         always {@value #TYPE}
 * @param version      1, 2, 3, … (0 is the rule set a job was started with)
 * @param contentHash  {@link RuleFileLoader#contentHash} of the files
 * @param publishedAt  when it was pushed (wall clock)
 * @param publishedBy  who pushed it (user@host)
 * @param files        file name → YAML text
 * @param allowEmpty   the pusher asked for a snapshot without rules to be put in force (otherwise a
 *                     snapshot with zero rules is refused: it would silently switch all alerting off)
 */
public record RuleSnapshot(String type, long version, String contentHash, Instant publishedAt, String publishedBy,
        Map<String, String> files, boolean allowEmpty) {
    public static final String TYPE = "rule_snapshot";
    public static final String KEY = "rules";

    public RuleSnapshot {
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public static RuleSnapshot of(long version, List<SourceFile> sources, Instant publishedAt, String publishedBy) {
        return of(version, sources, publishedAt, publishedBy, false);
    }

    /** A snapshot; {@code allowEmpty} lets one without rules be put in force (an explicit, audited choice). */
    public static RuleSnapshot of(long version, List<SourceFile> sources, Instant publishedAt, String publishedBy,
            boolean allowEmpty) {
        Map<String, String> files = new TreeMap<>();
        for (SourceFile source : sources) {
            files.put(baseName(source.name()), source.text());
        }
        return new RuleSnapshot(TYPE, version, RuleFileLoader.contentHash(sources), publishedAt, publishedBy, files,
                allowEmpty);
    }

    /** The files, in name order, named as problems will name them. */
    public List<SourceFile> sources() {
        List<SourceFile> sources = new ArrayList<>();
        files.forEach((name, text) -> sources.add(new SourceFile(name, text)));
        return sources;
    }

    public byte[] toBytes() {
        return Json.toBytes(this);
    }

    /**
     * Reads a snapshot and checks that it is whole: the right type, a positive version, files, and a
     * hash that matches them.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static RuleSnapshot parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject() || !TYPE.equals(tree.path("type").asText())) {
            throw new IllegalArgumentException("not a rule snapshot (expected \"type\": \"" + TYPE + "\")");
        }
        RuleSnapshot snapshot;
        try {
            snapshot = Json.mapper().treeToValue(tree, RuleSnapshot.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed rule snapshot: " + e.getMessage());
        }
        if (snapshot.version() < 1) {
            throw new IllegalArgumentException("rule snapshot version must be 1 or more, was " + snapshot.version());
        }
        if (snapshot.files().isEmpty()) {
            throw new IllegalArgumentException("rule snapshot " + snapshot.version() + " has no files");
        }
        String hash = RuleFileLoader.contentHash(snapshot.sources());
        if (!hash.equals(snapshot.contentHash())) {
            throw new IllegalArgumentException("rule snapshot " + snapshot.version() + " says content hash "
                    + snapshot.contentHash() + " but its files hash to " + hash);
        }
        return snapshot;
    }

    private static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }
}
