package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ember.geo.grid.GridCell;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.layers.HotspotSettings;

/**
 * Which local authority a grid cell belongs to, and which authorities must see an incident in a cell
 * so that every cell near a boundary gets its full Gi*.
 *
 * <p>A cell belongs to the authority whose LSOAs contain its centre (none outside the coverage): that
 * authority alone publishes it, whichever side its incidents lie on. Cell i's Gi* needs the window
 * counts of the cells within its distance band (its lag L_i) and whether each of those is in the
 * study area, which depends on the counts within {@code rings} of it: so an incident in cell c
 * matters to every authority that owns a cell within {@code 2 · rings} of c. The incident goes to its
 * own authority as usual and to each of those others as a <em>halo</em> incident, which counts in
 * their Gi* and in nothing else (no area metric, cluster, risk or seasonal count). Answers are
 * remembered per cell: each is one point-in-polygon search per cell of the square.
 */
public final class CellOwners {
    private static final String NONE = "";

    private final AreaShapes shapes;
    private final int reach;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, List<String>> needing = new HashMap<>();

    public CellOwners(AreaShapes shapes, HotspotSettings settings) {
        this.shapes = shapes;
        this.reach = 2 * (int) Math.ceil(settings.giDistanceCells());
    }

    /** The authority whose LSOAs contain the cell's centre, or null (outside the coverage). */
    public String owner(String cellId) {
        String owner = owners.get(cellId);
        if (owner == null) {
            GridCell cell = GridCell.parse(cellId);
            String found = shapes.ladContaining(cell.centreX(), cell.centreY());
            owner = found == null ? NONE : found;
            owners.put(cellId, owner);
        }
        return owner.isEmpty() ? null : owner;
    }

    /** Whether {@code lad} publishes the cell: it owns it, or nobody does and its incidents are there. */
    public boolean publishes(String lad, String cellId, boolean ownIncidentsThere) {
        String owner = owner(cellId);
        return owner == null ? ownIncidentsThere : owner.equals(lad);
    }

    /** Authorities other than {@code lad} that must see an incident of {@code lad} in the cell, in code order. */
    public List<String> haloOf(String lad, String cellId) {
        List<String> all = needing.get(cellId);
        if (all == null) {
            GridCell cell = GridCell.parse(cellId);
            TreeSet<String> lads = new TreeSet<>();
            for (long dc = -reach; dc <= reach; dc++) {
                for (long dr = -reach; dr <= reach; dr++) {
                    String o = owner(new GridCell(cell.sizeMetres(), cell.column() + dc, cell.row() + dr).id());
                    if (o != null) {
                        lads.add(o);
                    }
                }
            }
            all = List.copyOf(lads);
            needing.put(cellId, all);
        }
        if (!all.contains(lad)) {
            return all;
        }
        List<String> others = new ArrayList<>(all);
        others.remove(lad);
        return others;
    }
}
