package org.ember.model.fusion;

import java.util.List;

/**
 * An area's tension, published on {@code ember.tension} (key {@code layer:areaId}) when its level
 * changes or its score moves by at least the configured minimum.
 *
 * @param type          always {@link #TYPE}
 * @param layer         "lsoa" or "lad"
 * @param areaId        area code
 * @param lad           local authority
 * @param asOf          event time the score holds at
 * @param score         Σ of the contributions' points
 * @param level         configured level name the score reaches
 * @param levelIndex    its position among the levels (0 = lowest)
 * @param previousLevel level last published for this area, or null
 * @param contributions the reasons, largest first
 */
public record TensionUpdate(String type, String layer, String areaId, String lad, long asOf, double score, String level,
        int levelIndex, String previousLevel, List<TensionContribution> contributions) {

    public static final String TYPE = "tension";

    public TensionUpdate {
        contributions = List.copyOf(contributions);
    }

    public String key() {
        return layer + ":" + areaId;
    }
}
