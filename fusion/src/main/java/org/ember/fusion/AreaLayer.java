package org.ember.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.risk.AreaShape;
import org.ember.geo.risk.RiskSignal;

/**
 * Area metrics of one local authority and its LSOAs: incident counts by kind over 24 h and 7 days,
 * agencies, the published cells' Gi* summary, clusters, the best scan cluster, risk, seasonal
 * exceedance (the authority only) and tension. An area is published again when a count changes or
 * a continuous metric moves by {@link #AREA_TOLERANCE}; an area whose metrics are all zero is cleared.
 */
final class AreaLayer {
    /** An area is published again when a continuous metric moves by this much (5 %; counts always). */
    static final double AREA_TOLERANCE = 0.05;

    private final LadScope lad;
    private final RiskLayer risk;
    private final AreaEvaluation evaluation;

    /**
     * An area key's layer and code, split once per area: substrings made at every evaluation were new
     * strings whose hashes every look-up by code (shapes, risk) computed again. With its shape (null:
     * not covered), looked up once too: the look-up at every evaluation was 2 % of the area layer's time.
     */
    record Name(String layer, String code, AreaShape shape) {
        static Name of(String key, AreaShapes shapes) {
            int colon = key.indexOf(':');
            String layer = key.substring(0, colon);
            String code = key.substring(colon + 1);
            return new Name(layer, code, shapes.shape(layer, code));
        }
    }

    AreaLayer(LadScope lad, RiskLayer risk, TensionLayer tension, SeasonalLayer seasonal) {
        this.lad = lad;
        this.risk = risk;
        this.evaluation = new AreaEvaluation(lad, risk, tension, seasonal);
    }

    /** Every area that has anything: the authority, LSOAs with incidents or signals, and those published. */
    Set<String> allAreas(Supplier<List<FusedEvent>> events, List<RiskSignal> signals) {
        Set<String> areas = new java.util.HashSet<>();
        areas.add(lad.ladKey());
        if (lad.cache().incremental) {
            for (String lsoa : lsoaCounts(events).keySet()) {
                areas.add(lad.lsoaKey(lsoa));
            }
        } else {
            for (FusedEvent e : events.get()) {
                if (e.lsoa() != null) {
                    areas.add(lad.lsoaKey(e.lsoa()));
                }
            }
        }
        for (RiskSignal s : signals) {
            areas.addAll(risk.areasTouchedBy(s));
        }
        for (Map.Entry<String, Published> e : lad.state().areas().entries()) {
            areas.add(e.getKey());
        }
        return areas;
    }

    /**
     * An incident entered (+1) or left (−1) the state: keeps the count of incidents per LSOA and the
     * running tallies (both built from state on first use).
     */
    void counted(FusedEvent e, int delta) {
        if (e != null && lad.cache().tallies != null) {
            lad.cache().tallies.put(lad, e.id(), delta > 0 ? e : null);
        }
        Map<String, Integer> counts = lad.cache().lsoaEvents;
        if (counts == null || e == null || e.lsoa() == null) {
            return; // built from state on first use
        }
        Tally.add(counts, e.lsoa(), delta);
    }

    /**
     * The areas the tick must evaluate: {@code dueAt(allAreas(events, signals))}, without building
     * every area of the authority when only a few are marked: a marked area is due when it is one
     * of all the areas (an LSOA with an incident in state, reached by a signal, or published).
     */
    Set<String> due(Supplier<List<FusedEvent>> events, List<RiskSignal> signals) {
        DirtyAreas dirty = lad.cache().dirty;
        if (!lad.cache().incremental || dirty.all()) {
            return dueAt(allAreas(events, signals));
        }
        Map<String, Integer> counts = lsoaCounts(events);
        Set<String> touched = null;
        Set<String> due = new java.util.HashSet<>();
        String ladKey = lad.ladKey();
        due.add(ladKey);
        for (String key : dirty.marked()) {
            if (key.equals(ladKey) || due.contains(key)) {
                continue;
            }
            boolean any = key.startsWith("lsoa:") && counts.containsKey(key.substring("lsoa:".length()))
                    || lad.state().areas().get(key) != null;
            if (!any) {
                if (touched == null) {
                    touched = new java.util.HashSet<>();
                    for (RiskSignal s : signals) {
                        touched.addAll(risk.areasTouchedBy(s));
                    }
                }
                any = touched.contains(key);
            }
            if (any) {
                due.add(key);
            }
        }
        return due;
    }

    /** Incidents in state per LSOA, kept by {@link #counted} once built. */
    private Map<String, Integer> lsoaCounts(Supplier<List<FusedEvent>> events) {
        Map<String, Integer> counts = lad.cache().lsoaEvents;
        if (counts == null) {
            counts = new HashMap<>();
            for (FusedEvent e : events.get()) {
                if (e.lsoa() != null) {
                    counts.merge(e.lsoa(), 1, Integer::sum);
                }
            }
            lad.cache().lsoaEvents = counts;
        }
        return counts;
    }

    /** Of {@code areaKeys}, those the tick must evaluate: the authority, and areas whose inputs may have moved. */
    Set<String> dueAt(Set<String> areaKeys) {
        if (!lad.cache().incremental) {
            return areaKeys;
        }
        DirtyAreas dirty = lad.cache().dirty;
        String ladKey = lad.ladKey();
        areaKeys.removeIf(k -> !k.equals(ladKey) && !dirty.isDirty(k));
        return areaKeys;
    }

    void evaluate(Set<String> areaKeys, long asOf, Supplier<List<FusedEvent>> events, List<RiskSignal> signals) {
        evaluate(areaKeys, asOf, events, signals, true);
    }

    /**
     * @param schedule whether to set the areas' risk timers (not needed when the next tick evaluates
     *                 them anyway, as after a signal's arrival)
     */
    void evaluate(Set<String> areaKeys, long asOf, Supplier<List<FusedEvent>> events, List<RiskSignal> signals,
            boolean schedule) {
        AreaTallies counted = new AreaTallies(lad, areaKeys, asOf);
        // Incrementally the tallies and cell summaries are kept running; from scratch they are counted.
        boolean incremental = lad.cache().incremental;
        Map<String, AreaTally> tallies = incremental ? RunningTallies.of(lad, asOf).at(lad, areaKeys, asOf)
                : counted.incidents(events);
        String ladKey = lad.ladKey();
        // Each area is judged only against the signals that can reach it.
        Map<String, List<RiskSignal>> signalsOf = risk.signalsOf(areaKeys, signals);
        Map<String, List<RiskSignal>> agencySignals = counted.agencies(signals, tallies);
        Map<String, CellSummary> cells = incremental ? CellSummaries.of(lad).of(areaKeys)
                : CellSummaries.fromScratch(lad, areaKeys);
        List<ScanHit> hits = Publish.values(lad.state().scan());
        // Neighbourhoods first: the local authority's tension is read from theirs.
        List<String> ordered = new ArrayList<>(areaKeys);
        ordered.sort(Comparator.comparing((String k) -> k.startsWith("lad:")).thenComparing(k -> k));
        for (String key : ordered) {
            Name name = lad.cache().areaNames.computeIfAbsent(key, k -> Name.of(k, lad.context().shapes()));
            List<RiskSignal> reaching = signalsOf.getOrDefault(key, List.of());
            AreaTally tally = tallies.get(key);
            CellSummary summary = cells.get(key);
            AreaEvaluation.Evaluation evaluated = evaluation.evaluateArea(key, name,
                    tally != null ? tally : new AreaTally(), summary != null ? summary : new CellSummary(), hits,
                    reaching, asOf);
            if (schedule && !key.equals(ladKey)) {
                evaluation.scheduleRisk(key, evaluated, reaching, agencySignals.getOrDefault(key, List.of()), asOf);
            }
        }
    }
}
