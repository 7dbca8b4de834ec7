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
 * their Gi* and their space-time clustering ({@link ClusterLayer}) and in nothing else (no area
 * metric, risk or seasonal count). The clustering needs less than the Gi* at the defaults: an
 * incident's label (core, border or noise) depends on the points within two ST-DBSCAN radii of it
 * (2 × 200 m), which lie within ceil(400 / 250) = 2 cells of its own; with two cells more for an
 * incident in a cell its authority does not own (its centre is across the boundary) but near one it
 * does, that is 4 cells, the Gi*'s 2 · ceil(1.5). The reach is the larger of the two, so a wider
 * cluster radius widens the halo. Answers are remembered per cell: each is one point-in-polygon
 * search per cell of the square.
 */
public final class CellOwners {
    private static final String NONE = "";

    private final AreaShapes shapes;
    /** Cells each way an incident must reach for the Gi* of every cell it matters to. */
    private final int giReach;
    /** Two ST-DBSCAN radii. */
    private final double clusterReachMetres;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, List<String>> needing = new HashMap<>();

    public CellOwners(AreaShapes shapes, HotspotSettings settings) {
        this.shapes = shapes;
        this.giReach = 2 * (int) Math.ceil(settings.giDistanceCells());
        this.clusterReachMetres = 2 * settings.clusterEpsMetres();
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

    /** Cells each way from an incident's cell to the cells whose owners must see it. */
    int reach(int cellMetres) {
        return Math.max(giReach, (int) Math.ceil(clusterReachMetres / cellMetres) + 2);
    }

    /** Authorities other than {@code lad} that must see an incident of {@code lad} in the cell, in code order. */
    public List<String> haloOf(String lad, String cellId) {
        List<String> all = needing.get(cellId);
        if (all == null) {
            GridCell cell = GridCell.parse(cellId);
            int reach = reach(cell.sizeMetres());
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
