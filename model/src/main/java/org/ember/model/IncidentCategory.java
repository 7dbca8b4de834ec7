package org.ember.model;

import java.util.List;

/**
 * The normalised categories Ember counts by. A report has one primary category; {@link #WEAPON}
 * is counted in addition whenever a knife, sharp instrument or firearm was involved.
 */
public final class IncidentCategory {
    public static final String ANY = "any";
    public static final String VIOLENCE = "violence";
    public static final String WEAPON = "weapon";
    public static final String ROBBERY = "robbery";
    public static final String PUBLIC_ORDER = "public_order";
    public static final String NAVIGATOR = "navigator";
    public static final String INTEL = "intel";
    public static final String OTHER = "other";

    /** All categories, in the fixed order of the metric vocabulary. */
    public static final List<String> ALL =
            List.of(ANY, VIOLENCE, WEAPON, ROBBERY, PUBLIC_ORDER, NAVIGATOR, INTEL, OTHER);

    private IncidentCategory() {}

    /** Maps a police category (Home Office class, police.uk crime type or call-handler text). */
    public static String fromPoliceCategory(String category) {
        String c = category == null ? "" : category.toLowerCase(java.util.Locale.ROOT);
        if (c.contains("weapon")) {
            return WEAPON;
        }
        if (c.contains("robbery")) {
            return ROBBERY;
        }
        if (c.contains("public order")) {
            return PUBLIC_ORDER;
        }
        if (c.contains("violence") || c.contains("homicide") || c.contains("assault") || c.contains("wounding")) {
            return VIOLENCE;
        }
        return OTHER;
    }
}
