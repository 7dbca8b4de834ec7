package org.ember.fusion;

import org.ember.geo.linkage.Report;
import org.ember.model.Incident;

/** An ingested incident as the linker sees it. */
public final class Reports {
    private Reports() {}

    public static Report of(Incident i) {
        return new Report(i.recordKey(), i.feed(), i.sourceId(), i.version(), i.cancelled(), i.eventTime(), i.easting(),
                i.northing(), i.lon(), i.lat(), i.precise(), i.lsoa(), i.lad(), i.cell(), i.category(), i.weapon(),
                i.ageBand(), i.detail());
    }
}
