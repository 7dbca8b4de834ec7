package org.ember.geo.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GridCellTest {

    @Test
    void aPointFallsInTheCellWhoseSouthWestCornerIsBelowIt() {
        GridCell cell = GridCell.containing(318_120.0, 176_499.9, 250);
        assertThat(cell.id()).isEqualTo("250m:1272:705");
        assertThat(cell.minX()).isEqualTo(318_000.0);
        assertThat(cell.centreY()).isEqualTo(176_375.0);
    }

    @Test
    void idsRoundTrip() {
        GridCell cell = new GridCell(150, 2001, -3);
        assertThat(GridCell.parse(cell.id())).isEqualTo(cell);
        assertThatThrownBy(() -> GridCell.parse("250:1:2")).hasMessageContaining("not a grid cell id");
    }

    @Test
    void queenNeighboursAreTheEightSurroundingCells() {
        GridCell cell = new GridCell(250, 10, 10);
        assertThat(cell.neighbours()).hasSize(8).doesNotContain(cell)
                .contains(new GridCell(250, 9, 9), new GridCell(250, 11, 11), new GridCell(250, 10, 11));
        assertThat(cell.neighboursWithin(2)).hasSize(24);
    }
}
