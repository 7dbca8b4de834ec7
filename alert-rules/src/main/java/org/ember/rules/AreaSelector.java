package org.ember.rules;

import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/**
 * The areas a rule watches: every area of a layer, or the listed ones ({@code ids}), or the LSOAs
 * of the listed local authorities ({@code within}).
 *
 * @param layer  "lsoa", "lad" or "cell"
 * @param ids    area codes or cell ids; empty = every area of the layer (unless {@code within} is given)
 * @param within local authority codes whose LSOAs are watched; empty = no such restriction
 */
public record AreaSelector(String layer, Set<String> ids, Set<String> within) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AreaSelector {
        ids = Set.copyOf(ids);
        within = Set.copyOf(within);
    }

    public static AreaSelector all(String layer) {
        return new AreaSelector(layer, Set.of(), Set.of());
    }

    /**
     * @param lad the local authority the area belongs to, or null when unknown
     */
    public boolean matches(String areaLayer, String areaId, String lad) {
        if (!layer.equals(areaLayer)) {
            return false;
        }
        if (!ids.isEmpty() && !ids.contains(areaId)) {
            return false;
        }
        return within.isEmpty() || (lad != null && within.contains(lad));
    }

    /** Canonical text for the definition hash. */
    public String text() {
        return layer + " ids=" + new TreeSet<>(ids) + " within=" + new TreeSet<>(within);
    }
}
