package org.ember.infra.backtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ember.jobs.EmberJobRunner;
import org.ember.model.Feed;
import org.ember.model.Incident;
import org.ember.rules.backtest.SeriousIncident;

/**
 * What a backtest counts as the serious violence rules should warn of: police reports involving a
 * knife, sharp instrument or firearm, or a weapons offence, as last corrected (a cancelled report
 * does not count). Police reports only, so one stabbing seen by three agencies counts once.
 */
public final class SeriousIncidents {
    /** Keeps what may be or become serious: police weapon reports and every later version of a police report. */
    public static final EmberJobRunner.IncidentFilter CANDIDATES =
            i -> Feed.POLICE.code().equals(i.feed()) && (i.weapon() || i.version() > 1);

    private SeriousIncidents() {}

    /** The serious incidents among the candidates, each partner record once at its latest version. */
    public static List<SeriousIncident> of(List<Incident> candidates) {
        Map<String, Incident> latest = new HashMap<>();
        for (Incident i : candidates) {
            latest.merge(i.recordKey(), i, (a, b) -> b.version() > a.version() ? b : a);
        }
        List<SeriousIncident> serious = new ArrayList<>();
        for (Incident i : latest.values()) {
            if (i.weapon() && !i.cancelled()) {
                serious.add(new SeriousIncident(i.lsoa(), i.lad(), i.eventTime()));
            }
        }
        return serious;
    }
}
