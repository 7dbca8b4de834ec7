package org.ember.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.ember.geo.linkage.FiledReport;
import org.ember.geo.linkage.GroupChange;
import org.ember.geo.linkage.Report;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.LinkedSource;
import org.ember.model.fusion.ReportTraits;

/**
 * Turns a linker change into the published {@link LinkedIncident}. Where reports disagree: the
 * location is the most precise one (a point before an area; police, then ambulance, then A&E), the
 * time and category are the police's when the police know, and a weapon reported by anyone counts.
 */
public final class LinkedIncidents {
    private static final List<String> FEED_ORDER = List.of("police", "ambulance", "ae");

    private LinkedIncidents() {}

    public static LinkedIncident of(GroupChange change) {
        List<FiledReport> members = change.members();
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a linked incident change without reports: " + change.group().id());
        }
        Report place = members.stream().map(FiledReport::report)
                .min(Comparator.comparing((Report r) -> !r.precise()).thenComparing(r -> rank(r.feed())))
                .orElseThrow();
        Report clock = members.stream().map(FiledReport::report).min(Comparator.comparing(r -> rank(r.feed())))
                .orElseThrow();
        TreeSet<String> feeds = new TreeSet<>();
        List<LinkedSource> sources = new ArrayList<>();
        boolean weapon = false;
        String ageBand = null;
        int responseCategory = 0;
        boolean penetrating = false;
        double confidence = 1;
        String category = "violence";
        for (FiledReport member : members) {
            Report r = member.report();
            feeds.add(r.feed());
            sources.add(new LinkedSource(r.feed(), r.sourceId(), r.version(), r.time(), member.confidence(), r.detail()));
            weapon |= r.weapon();
            if (ageBand == null && r.knowsAge()) {
                ageBand = r.ageBand();
            }
            if ("ambulance".equals(r.feed())) {
                ReportTraits traits = ReportTraits.of(r.feed(), r.detail());
                if (traits.responseCategory() > 0
                        && (responseCategory == 0 || traits.responseCategory() < responseCategory)) {
                    responseCategory = traits.responseCategory();
                }
                penetrating |= traits.penetrating();
            }
            if ("police".equals(r.feed())) {
                category = r.category();
            }
            confidence = Math.min(confidence, member.confidence());
        }
        boolean cancelled = change.kind() == GroupChange.Kind.CANCELLED;
        boolean health = feeds.contains("ambulance") || feeds.contains("ae");
        return new LinkedIncident(LinkedIncident.TYPE, change.group().id(), change.group().revision(), change.kind().code(),
                cancelled, clock.time(), place.lad(), place.lsoa(), place.cell(), place.lon(), place.lat(), place.x(),
                place.y(), place.precise(), category, weapon, ageBand, responseCategory, penetrating,
                cancelled ? 0 : confidence, health && !feeds.contains("police"), new ArrayList<>(feeds), sources);
    }

    private static int rank(String feed) {
        int i = FEED_ORDER.indexOf(feed);
        return i < 0 ? FEED_ORDER.size() : i;
    }
}
