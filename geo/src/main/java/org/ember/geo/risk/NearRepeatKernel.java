package org.ember.geo.risk;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the risk raised by a serious incident spreads in space and fades in time: full within
 * {@code innerMetres}, falling linearly to nothing at {@code outerMetres}; full at the moment of the
 * incident, falling linearly to nothing after {@code lasts}. Linear rather than exponential so the
 * risk really ends, and the state that holds it can be dropped then.
 *
 * <p>Defaults follow the usual starting bands (about 100–400 m × 14 days; Ratcliffe &amp; Rengert 2008
 * found shootings raise risk about a third within two weeks and one block).
 */
public record NearRepeatKernel(double innerMetres, double outerMetres, Duration lasts) implements Serializable {
    public NearRepeatKernel {
        Objects.requireNonNull(lasts, "lasts");
        if (!(innerMetres >= 0 && outerMetres > innerMetres) || lasts.isNegative() || lasts.isZero()) {
            throw new IllegalArgumentException("need 0 <= inner < outer metres and a positive duration");
        }
    }

    public static NearRepeatKernel defaults() {
        return new NearRepeatKernel(100, 400, Duration.ofDays(14));
    }

    /** Spatial weight at {@code metres} from the incident. */
    public double spatial(double metres) {
        if (metres <= innerMetres) {
            return 1;
        }
        if (metres >= outerMetres) {
            return 0;
        }
        return (outerMetres - metres) / (outerMetres - innerMetres);
    }

    /** Temporal weight {@code elapsedMillis} after the incident (0 before it: risk does not run backwards). */
    public double temporal(long elapsedMillis) {
        return Decay.linear(elapsedMillis, lasts);
    }
}
