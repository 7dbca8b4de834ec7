package org.ember.geo.nearrepeat;

import java.util.List;

/** All cells of a near-repeat analysis, space band major, time band minor. */
public record NearRepeatTable(Bands spaceBands, Bands timeBands, int permutations, List<BandCell> cells) {
    public NearRepeatTable {
        cells = List.copyOf(cells);
    }

    public BandCell cell(int spaceIndex, int timeIndex) {
        return cells.get(spaceIndex * timeBands.count() + timeIndex);
    }
}
