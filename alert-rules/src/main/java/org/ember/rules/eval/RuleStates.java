package org.ember.rules.eval;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An area's rule states while one evaluation changes them: the stored (immutable) map until the
 * first change, then a {@code HashMap} copy of it, made exactly as the evaluator always made it
 * up front. Why: most updates change no rule state, yet copying the states into a hash map and
 * back into an immutable one for {@link AreaState} was a tenth of the evaluator's samples in the
 * year backtest; an unchanged map now goes back into the new state as the same instance.
 *
 * <p>Iteration order differs from the copy's until the copy is made; the one caller that depends on
 * it (ties between deadlines) calls {@link #copy} first.
 */
final class RuleStates extends AbstractMap<String, RuleState> {
    private final Map<String, RuleState> stored;
    private HashMap<String, RuleState> copy;

    RuleStates(Map<String, RuleState> stored) {
        this.stored = stored;
    }

    /** The map as it stands: the stored one itself while nothing has changed. */
    Map<String, RuleState> current() {
        return copy != null ? copy : stored;
    }

    /** Whether the states are a copy now (iterated in the copy's order). */
    boolean copied() {
        return copy != null;
    }

    /** Switches to the copy (the same map as a change would make). */
    void copy() {
        if (copy == null) {
            copy = new HashMap<>(stored);
        }
    }

    @Override
    public RuleState get(Object key) {
        return current().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return current().containsKey(key);
    }

    @Override
    public int size() {
        return current().size();
    }

    @Override
    public boolean isEmpty() {
        return current().isEmpty();
    }

    @Override
    public RuleState put(String key, RuleState value) {
        copy();
        return copy.put(key, value);
    }

    @Override
    public RuleState remove(Object key) {
        if (!current().containsKey(key)) {
            return null;
        }
        copy();
        return copy.remove(key);
    }

    /** Read-only while not copied (the stored map's own entries). */
    @Override
    public Set<Map.Entry<String, RuleState>> entrySet() {
        return current().entrySet();
    }
}
