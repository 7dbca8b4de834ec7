package org.ember.rules.oncall;

import java.util.Locale;

/**
 * Who an escalation step tells: a person, whoever a schedule has on duty, a team (its duty officer
 * and shared channel), or the hub (the team named {@code hub} in the on-call file).
 */
public record Target(Kind kind, String id) {
    public enum Kind { PERSON, SCHEDULE, TEAM, HUB }

    /** Reads {@code person:ID}, {@code schedule:ID}, {@code team:ID} or {@code hub}. */
    public static Target parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("hub")) {
            return new Target(Kind.HUB, null);
        }
        int colon = trimmed.indexOf(':');
        if (colon > 0 && colon < trimmed.length() - 1) {
            String kind = trimmed.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String id = trimmed.substring(colon + 1).trim();
            if (kind.equals("PERSON") || kind.equals("SCHEDULE") || kind.equals("TEAM")) {
                return new Target(Kind.valueOf(kind), id);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a target; write person:ID, schedule:ID, team:ID or hub");
    }

    @Override
    public String toString() {
        return kind == Kind.HUB ? "hub" : kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }
}
