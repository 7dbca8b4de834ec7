package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ember.geo.risk.AreaRisk;
import org.ember.geo.risk.AreaShape;
import org.ember.geo.risk.RiskField;
import org.ember.geo.risk.RiskSignal;

/**
 * Near-repeat, rivalry, intelligence and navigator risk of one local authority's areas: which
 * areas a live signal can reach (a geometric search, remembered per signal), and each area's
 * decayed risk ({@link org.ember.geo.risk.RiskField}).
 */
final class RiskLayer {
    private static final AreaRisk NONE = new AreaRisk(0, 0, 0, 0, List.of());
    private final LadScope lad;

    RiskLayer(LadScope lad) {
        this.lad = lad;
    }

    /** A signal arrived or was retracted: what it reached must be searched again. */
    void forget(String signalId) {
        lad.cache().touched.remove(signalId);
    }

    /** The areas of this authority a signal can change: its own, those its near-repeat radius reaches, the authority. */
    Set<String> areasTouchedBy(RiskSignal s) {
        return reach(s).keys();
    }

    /** {@link #areasTouchedBy} with the areas' {@link SignalReach} numbers. */
    private Reach reach(RiskSignal s) {
        return lad.cache().touched.computeIfAbsent(s.id(), id -> {
            Set<String> keys = search(s);
            return new Reach(keys, lad.cache().signalReach.ids(keys));
        });
    }

    /** The area keys a signal reaches, and their numbers in {@link LadCache#signalReach} (the same areas). */
    record Reach(Set<String> keys, int[] ids) {}

    private Set<String> search(RiskSignal s) {
        Set<String> areas = new HashSet<>();
        areas.add(lad.ladKey());
        AreaShape named = lad.context().shapes().lsoa(s.area());
        if (named != null && lad.lad().equals(named.parent())) {
            areas.add(lad.lsoaKey(s.area()));
        }
        if (RiskSignal.NEAR_REPEAT.equals(s.kind())) {
            for (String lsoa : lad.context().shapes().lsoasWithin(lad.lad(), s.x(), s.y(),
                    lad.settings().risk().kernel().outerMetres())) {
                areas.add(lad.lsoaKey(lsoa));
            }
        }
        return Set.copyOf(areas);
    }

    /** Marks for re-evaluation the areas a signal reaches (it arrived, was retracted or faded). */
    void markReached(RiskSignal s) {
        DirtyAreas dirty = lad.cache().dirty;
        areasTouchedBy(s).forEach(dirty::mark);
        if (s.area() != null) {
            dirty.mark(lad.lsoaKey(s.area()));
        }
    }

    /**
     * Live signals by the area keys (among {@code areaKeys}) they reach, each list in the order of
     * {@code signals}. Every signal reaches the authority ({@link #search}); the other areas are
     * matched by number ({@link SignalReach}: a tenth of the hourly area evaluation's time went to
     * looking up each signal's reach by id and each reached area in the asked set).
     */
    Map<String, List<RiskSignal>> signalsOf(Set<String> areaKeys, List<RiskSignal> signals) {
        return lad.cache().signalReach.signalsOf(areaKeys, signals, lad.ladKey(), s -> reach(s).ids());
    }

    /** Drops signals that have faded by {@code asOf}; returns their ids. */
    List<String> expire(long asOf) {
        List<String> faded = new ArrayList<>();
        for (Map.Entry<String, RiskSignal> e : lad.state().signals().entries()) {
            if (!lad.context().risk().live(e.getValue(), asOf)) {
                faded.add(e.getKey());
            }
        }
        for (String id : faded) {
            markReached(lad.state().signals().get(id));
            lad.state().signals().remove(id);
        }
        faded.forEach(this::forget);
        return faded;
    }

    /**
     * One area's risk from the signals that reach it as a function of time, for evaluating it at
     * many times (null: an area without a shape, whose risk is 0 as {@link #evaluate} says).
     */
    RiskField.Terms terms(AreaShape shape, List<RiskSignal> signals) {
        return shape == null ? null : lad.context().risk().terms(shape, signals);
    }

    /** One area's risk from the signals that reach it ({@code shape} null: an area without a shape). */
    AreaRisk evaluate(AreaShape shape, List<RiskSignal> signals, long asOf) {
        return shape == null ? NONE : lad.context().risk().evaluate(shape, signals, asOf);
    }
}
