package org.ember.rules.eval;

/**
 * Where one rule stands on one area. A rule that is not pending or firing keeps no state.
 *
 * @param phase          {@link #PENDING}, {@link #FIRING} or {@link #RESOLVING} (still firing, waiting
 *                       out {@code keep_firing_for})
 * @param since          event time the firing condition began to hold: the episode start, part of
 *                       the fingerprint
 * @param firedAt        event time the alert fired (since + for), or 0 while pending
 * @param resolvingSince event time the resolve condition began to hold, or 0 unless resolving
 */
public record RuleState(String phase, long since, long firedAt, long resolvingSince) {
    public static final String PENDING = "pending";
    public static final String FIRING = "firing";
    public static final String RESOLVING = "resolving";

    static RuleState pending(long since) {
        return new RuleState(PENDING, since, 0, 0);
    }

    RuleState fire(long at) {
        return new RuleState(FIRING, since, at, 0);
    }

    RuleState resolving(long at) {
        return new RuleState(RESOLVING, since, firedAt, at);
    }

    RuleState backToFiring() {
        return new RuleState(FIRING, since, firedAt, 0);
    }

    public boolean isPending() {
        return PENDING.equals(phase);
    }

    /** Firing as receivers see it: resolving alerts still fire until keep_firing_for has passed. */
    public boolean isFiring() {
        return FIRING.equals(phase) || RESOLVING.equals(phase);
    }

    public boolean isResolving() {
        return RESOLVING.equals(phase);
    }
}
