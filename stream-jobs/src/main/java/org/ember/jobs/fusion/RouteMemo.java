package org.ember.jobs.fusion;

/**
 * What the router remembers of one partner record: its last version, the blocks it went to
 * (names joined by {@code |}, a plain string so that no generic type is serialised) and when the
 * memory may go.
 */
public record RouteMemo(int version, String blocks, long forgetAt) {
    static final String SEPARATOR = "|";

    java.util.List<String> blockList() {
        return blocks.isEmpty() ? java.util.List.of() : java.util.List.of(blocks.split("\\|"));
    }
}
