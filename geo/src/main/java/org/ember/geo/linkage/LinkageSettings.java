package org.ember.geo.linkage;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Configuration of cross-agency linkage: one window per pair of feeds, and how sure a link must be.
 *
 * @param windows         by feed pair ({@link #pairKey}); a pair without a window is never linked
 * @param minConfidence   links scoring below this are not made (scores lie in (0, 1])
 * @param retention       how long a report is remembered after its event time, so that a late
 *                        report can still join it and a correction can still change its incident
 * @param sameLsoaScore   spatial score of two reports of which one gives only an area, in the same LSOA
 * @param sameLadScore    spatial score when one of them does not even give an LSOA, in the same local authority
 * @param adjacentMetres  a point this close to the other report's LSOA (but outside it) may still match
 * @param adjacentScore   spatial score of such a point right on the boundary (halved at {@code adjacentMetres})
 */
public record LinkageSettings(
        Map<String, PairWindow> windows,
        double minConfidence,
        Duration retention,
        double sameLsoaScore,
        double sameLadScore,
        double adjacentMetres,
        double adjacentScore) implements Serializable {

    public LinkageSettings {
        windows = Collections.unmodifiableMap(new TreeMap<>(windows));
        Objects.requireNonNull(retention, "retention");
        if (!(minConfidence > 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must lie in (0, 1]");
        }
    }

    /**
     * Defaults from how the partners record one assault: the ambulance call is logged within
     * minutes of the police incident and its position is automatic (tens of metres); the patient
     * tells A&E the assault time to within about half an hour, and four in five attendances give
     * only an LSOA. Victim age bands of ambulance and A&E must agree where both are known.
     */
    public static LinkageSettings defaults() {
        return new LinkageSettings(Map.of(
                pairKey("police", "ambulance"), PairWindow.of(Duration.ofMinutes(20), 150),
                pairKey("police", "ae"), PairWindow.of(Duration.ofMinutes(30), 250),
                pairKey("ambulance", "ae"), PairWindow.of(Duration.ofMinutes(45), 250)),
                0.25, Duration.ofDays(8), 0.6, 0.3, 150, 0.45);
    }

    /** The key of a feed pair, independent of order: {@code ambulance+police}. */
    public static String pairKey(String feedA, String feedB) {
        return feedA.compareTo(feedB) <= 0 ? feedA + "+" + feedB : feedB + "+" + feedA;
    }

    public Optional<PairWindow> window(String feedA, String feedB) {
        return Optional.ofNullable(windows.get(pairKey(feedA, feedB)));
    }

    /** Feeds that take part in linkage: those named by some window. */
    public List<String> linkedFeeds() {
        return windows.keySet().stream().flatMap(k -> java.util.Arrays.stream(k.split("\\+"))).distinct().sorted()
                .toList();
    }

    /** The widest time gap of any window that involves {@code feed} (zero if none). */
    public Duration widestGap(String feed) {
        Duration widest = Duration.ZERO;
        for (Map.Entry<String, PairWindow> e : windows.entrySet()) {
            if (List.of(e.getKey().split("\\+")).contains(feed) && e.getValue().maxGap().compareTo(widest) > 0) {
                widest = e.getValue().maxGap();
            }
        }
        return widest;
    }

    public LinkageSettings withWindow(String feedA, String feedB, PairWindow window) {
        Map<String, PairWindow> copy = new TreeMap<>(windows);
        copy.put(pairKey(feedA, feedB), window);
        return new LinkageSettings(copy, minConfidence, retention, sameLsoaScore, sameLadScore, adjacentMetres,
                adjacentScore);
    }

    public LinkageSettings withMinConfidence(double confidence) {
        return new LinkageSettings(windows, confidence, retention, sameLsoaScore, sameLadScore, adjacentMetres,
                adjacentScore);
    }
}
