package org.ember.geo.linkage;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How far apart two reports of one incident from a given pair of feeds may be.
 *
 * @param maxGap    largest difference between their event times (for A&E: the assault time)
 * @param maxMetres largest distance between two precise points
 */
public record PairWindow(Duration maxGap, double maxMetres) implements Serializable {
    public PairWindow {
        Objects.requireNonNull(maxGap, "maxGap");
        if (maxGap.isNegative() || maxGap.isZero() || !(maxMetres > 0)) {
            throw new IllegalArgumentException("a pair window needs a positive time gap and distance");
        }
    }

    public static PairWindow of(Duration maxGap, double maxMetres) {
        return new PairWindow(maxGap, maxMetres);
    }
}
