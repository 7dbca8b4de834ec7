package org.ember.geo.linkage;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * How likely two reports from different feeds describe one incident, as a score in (0, 1], or
 * nothing when they cannot: too far apart in time or space for their feed pair's window, the same
 * feed, or victim age bands that disagree.
 *
 * <p>The score is the product of three factors, each 1 for a perfect match:
 * <ul>
 *   <li>time: 1 − ½·gap/maxGap (so 0.5 at the edge of the window);</li>
 *   <li>space: two points: 1 − ½·distance/maxMetres; one of them only an area: the same LSOA
 *       scores {@code sameLsoaScore}; a point within {@code adjacentMetres} of the other's LSOA
 *       (just across its boundary) {@code adjacentScore}; without an LSOA the same local authority
 *       {@code sameLadScore} — area codes are weaker evidence than points;</li>
 *   <li>attributes: age bands known on both sides and equal 1, unknown on a side 0.85; a weapon on
 *       one side only 0.6 (flags are set late or not at all); a police category that is not
 *       violence, robbery or weapons against a health report 0.8 (weak evidence: opening categories
 *       are often corrected, and a correction must not undo a good link).</li>
 * </ul>
 */
public final class PairScorer {
    private static final Set<String> VIOLENT_POLICE_CATEGORIES = Set.of("violence", "weapon", "robbery");
    private final LinkageSettings settings;
    private final AreaProximity proximity;
    /** {@link LinkageSettings#window} by feed and partner feed: a pair's key string is not built at every score. */
    private final java.util.Map<String, java.util.Map<String, PairWindow>> windows = new java.util.HashMap<>();

    public PairScorer(LinkageSettings settings) {
        this(settings, AreaProximity.NONE);
    }

    public PairScorer(LinkageSettings settings, AreaProximity proximity) {
        this.settings = settings;
        this.proximity = proximity;
        for (String feed : settings.linkedFeeds()) {
            for (String partner : settings.linkedFeeds()) {
                settings.window(feed, partner)
                        .ifPresent(w -> windows.computeIfAbsent(feed, f -> new java.util.HashMap<>()).put(partner, w));
            }
        }
    }

    public OptionalDouble score(Report a, Report b) {
        if (a.feed().equals(b.feed()) || a.cancelled() || b.cancelled()) {
            return OptionalDouble.empty();
        }
        java.util.Map<String, PairWindow> ofA = windows.get(a.feed());
        PairWindow window = ofA == null ? null : ofA.get(b.feed());
        if (window == null) {
            return OptionalDouble.empty();
        }
        long gap = Math.abs(a.time() - b.time());
        long maxGap = window.maxGap().toMillis();
        if (gap > maxGap) {
            return OptionalDouble.empty();
        }
        double time = 1 - 0.5 * gap / maxGap;
        double space;
        if (a.precise() && b.precise()) {
            double dx = a.x() - b.x();
            double dy = a.y() - b.y();
            double distance = Math.sqrt(dx * dx + dy * dy);
            if (distance > window.maxMetres()) {
                return OptionalDouble.empty();
            }
            space = 1 - 0.5 * distance / window.maxMetres();
        } else if (a.lsoa() != null && b.lsoa() != null) {
            if (a.lsoa().equals(b.lsoa())) {
                space = settings.sameLsoaScore();
            } else {
                space = acrossBoundary(a, b);
                if (space == 0) {
                    return OptionalDouble.empty();
                }
            }
        } else {
            if (a.lad() == null || !a.lad().equals(b.lad())) {
                return OptionalDouble.empty();
            }
            space = settings.sameLadScore();
        }
        double attributes = 1;
        if (a.knowsAge() && b.knowsAge()) {
            if (!a.ageBand().equals(b.ageBand())) {
                return OptionalDouble.empty();
            }
        } else {
            attributes *= 0.85;
        }
        if (a.weapon() != b.weapon()) {
            attributes *= 0.6;
        }
        if (policeCategoryUnlikeHealth(a, b) || policeCategoryUnlikeHealth(b, a)) {
            attributes *= 0.8;
        }
        double score = time * space * attributes;
        return score >= settings.minConfidence() ? OptionalDouble.of(score) : OptionalDouble.empty();
    }

    /** Score of a point just outside the other report's LSOA (0 when too far or unknown). */
    private double acrossBoundary(Report a, Report b) {
        Report point = a.precise() ? a : b.precise() ? b : null;
        if (point == null) {
            return 0;
        }
        Report area = point == a ? b : a;
        double metres = proximity.metresFrom(area.lsoa(), point.x(), point.y());
        if (!(metres <= settings.adjacentMetres())) {
            return 0;
        }
        return settings.adjacentScore() * (1 - 0.5 * metres / settings.adjacentMetres());
    }

    private static boolean policeCategoryUnlikeHealth(Report police, Report other) {
        return "police".equals(police.feed()) && !"police".equals(other.feed())
                && !VIOLENT_POLICE_CATEGORIES.contains(police.category());
    }
}
