package org.ember.fusion;

import java.util.Map;

/**
 * Whether a cell's evaluation is news against what it last published, read from the published maps
 * and the evaluation's numbers and labels without building the maps an update is made of: most
 * cells looked at in a tick publish nothing (in a month's backtest 58,000 of 129,000), and each of
 * them built a values map and a labels map only to compare them. Gives exactly what comparing the
 * built maps gives ({@code !labels.equals(published labels)}, {@link Publish#materially}).
 */
final class CellNews {
    static final String CLUSTER_MEMBERS = "cluster_members";

    private CellNews() {}

    /**
     * Whether {@code published} equals the labels map a cell's evaluation builds: {@code bin} and
     * {@code hot}, then {@code lsoa} and {@code emerging} when not null.
     */
    static boolean sameLabels(Map<String, String> published, String bin, String hot, String lsoa, String emerging) {
        int size = 2 + (lsoa == null ? 0 : 1) + (emerging == null ? 0 : 1);
        // Equal sizes and every built entry present with an equal value: the maps are equal.
        return published.size() == size && bin.equals(published.get("bin")) && hot.equals(published.get("hot"))
                && (lsoa == null || lsoa.equals(published.get("lsoa")))
                && (emerging == null || emerging.equals(published.get("emerging")));
    }

    /**
     * {@link Publish#materially} of {@code published} against the values map a cell's evaluation
     * builds ({@link CellLayer#CELL_COUNT} {@code count}, {@link CellLayer#GI_Z} {@code z},
     * {@link #CLUSTER_MEMBERS} {@code members}): other names, a count or member change, or z
     * (the only continuous one) moving by {@code tolerance} or to or from zero.
     */
    static boolean materially(Map<String, Double> published, double count, double z, double members, double tolerance) {
        if (published.size() != 3) {
            return true;
        }
        Double c = published.get(CellLayer.CELL_COUNT);
        Double g = published.get(CellLayer.GI_Z);
        Double m = published.get(CLUSTER_MEMBERS);
        if (c == null || g == null || m == null) {
            return true;
        }
        double before = g;
        return c != count || m != members
                || before != z && ((z == 0) != (before == 0) || Publish.moved(before, z, tolerance));
    }
}
