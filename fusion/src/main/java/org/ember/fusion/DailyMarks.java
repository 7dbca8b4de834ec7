package org.ember.fusion;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the layers run at local midnight (the daily scan, the early warning, the emerging
 * categories) changed, as marks for the tick: the areas whose best scan cluster, early-warning
 * score or cells' emerging categories moved, and the cells whose category moved. Taken before the
 * layers run and compared after, so the midnight tick evaluates those areas and cells instead of
 * every area and cell of the authority (the day changes nothing else an area or a cell is a
 * function of; {@code IncrementalLayersTest} compares with evaluating everything).
 */
final class DailyMarks {
    private final LadScope lad;
    private final Set<ScanHit> scan;
    private final Map<String, String> emerging;
    private final Map<String, Double> earlyWarning;

    private DailyMarks(LadScope lad) {
        this.lad = lad;
        this.scan = hits(lad);
        this.emerging = categories(lad);
        this.earlyWarning = earlyWarningScores(lad);
    }

    /** What the daily layers' results are now, before they run. */
    static DailyMarks before(LadScope lad) {
        return new DailyMarks(lad);
    }

    /** Marks what the daily layers changed since {@link #before}. */
    void markChanged() {
        DirtyAreas dirty = lad.cache().dirty;
        Set<ScanHit> changed = new HashSet<>(scan);
        Set<ScanHit> after = hits(lad);
        changed.addAll(after);
        Set<ScanHit> kept = new HashSet<>(scan);
        kept.retainAll(after);
        changed.removeAll(kept);
        for (ScanHit hit : changed) {
            dirty.mark(lad.ladKey()); // the authority reads the best hit of all
            hit.lsoas().forEach(lsoa -> dirty.mark(lad.lsoaKey(lsoa)));
        }
        Map<String, Double> scores = earlyWarningScores(lad);
        for (String area : union(earlyWarning.keySet(), scores.keySet())) {
            if (!Objects.equals(earlyWarning.getOrDefault(area, 0.0), scores.getOrDefault(area, 0.0))) {
                dirty.mark(area.equals(lad.lad()) ? lad.ladKey() : lad.lsoaKey(area));
            }
        }
        Map<String, String> categories = categories(lad);
        for (String cell : union(emerging.keySet(), categories.keySet())) {
            if (!Objects.equals(emerging.get(cell), categories.get(cell))) {
                lad.cache().cellsDirty.add(cell);
                // Areas count their published cells' categories; a cell not published yet marks its
                // LSOA when it is.
                Published published = lad.state().cells().get(cell);
                String lsoa = published == null ? null : published.labels().get("lsoa");
                if (lsoa != null) {
                    dirty.mark(lad.lsoaKey(lsoa));
                }
                dirty.mark(lad.ladKey());
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<ScanHit> hits(LadScope lad) {
        return new HashSet<>(Publish.values(lad.state().scan()));
    }

    private static Map<String, String> categories(LadScope lad) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : lad.state().emerging().entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The early-warning score of each LSOA and (under its own code) of the authority. */
    private static Map<String, Double> earlyWarningScores(LadScope lad) {
        EarlyWarningLayer.score(lad, lad.lad()); // builds the cached scores from state
        return Map.copyOf(lad.cache().earlyWarningScores);
    }
}
