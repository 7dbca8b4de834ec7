package org.ember.fusion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanLocation;
import org.ember.model.fusion.HotspotUpdate;

/**
 * The daily prospective space-time scan of one local authority (LSOA daily counts over the study
 * period, {@link org.ember.geo.layers.DailyScan}), run at local midnight; its clusters are kept in
 * state for the area metrics and tension, and published as {@code scan_cluster}.
 */
final class ScanLayer {
    private final LadScope lad;

    ScanLayer(LadScope lad) {
        this.lad = lad;
    }

    void run(LocalDate day, long asOf) {
        run(day, asOf, NightlyEvents.of(lad.state(), day));
    }

    void run(LocalDate day, long asOf, NightlyEvents nightly) {
        int studyDays = lad.settings().hotspots().scan().studyDays();
        long last = day.toEpochDay();
        long first = last - (studyDays - 1L);
        List<Map<String, Integer>> byDay = new ArrayList<>(java.util.Collections.nCopies(studyDays, null));
        for (int k = 0; k < nightly.size(); k++) {
            FusedEvent e = nightly.event(k);
            long d = nightly.epochDay(k);
            if (e.lsoa() != null && d >= first && d <= last) {
                int at = (int) (d - first);
                if (byDay.get(at) == null) {
                    byDay.set(at, new HashMap<>());
                }
                byDay.get(at).merge(e.lsoa(), 1, Integer::sum);
            }
        }
        Map<LocalDate, Map<String, Integer>> counts = new HashMap<>();
        for (int at = 0; at < studyDays; at++) {
            if (byDay.get(at) != null) {
                counts.put(LocalDate.ofEpochDay(first + at), byDay.get(at));
            }
        }
        Publish.clearBook(lad.state().scan());
        if (counts.isEmpty()) {
            return;
        }
        String code = lad.lad();
        List<ScanLocation> locations = lad.context().shapes().scanLocations(code);
        List<ScanCluster> clusters = lad.context().scan().run(locations, day, counts, Objects.hash(code, day.toString()));
        Map<String, ScanLocation> byId = new HashMap<>();
        locations.forEach(l -> byId.put(l.id(), l));
        for (ScanCluster c : clusters) {
            String id = "scan:" + code + ":" + day + ":" + c.rank();
            ScanHit hit = new ScanHit(id, c.centre(), c.locations(), String.valueOf(c.start()), String.valueOf(c.end()),
                    c.observed(), c.expected(), c.recurrenceDays());
            lad.state().scan().put(id, hit);
            ScanLocation centre = byId.get(c.centre());
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("scan_recurrence_days", Publish.round(c.recurrenceDays()));
            values.put("observed", (double) c.observed());
            values.put("expected", Publish.round(c.expected()));
            values.put("llr", Publish.round(c.llr()));
            Map<String, String> labels = Map.of("centre", c.centre(), "start", hit.start(), "end", hit.end());
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.SCAN_CLUSTER, "scan", id, code, asOf,
                    centre == null ? null : centre.y(), centre == null ? null : centre.x(), values, labels, c.locations()));
        }
    }
}
