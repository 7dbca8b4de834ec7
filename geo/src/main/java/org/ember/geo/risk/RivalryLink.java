package org.ember.geo.risk;

import java.io.Serializable;
import java.util.Objects;

/**
 * A known rivalry between the groups of two areas (LSOA or local authority codes): a serious
 * incident in one raises retaliation risk in the other by {@code share} of its own weight, fading
 * as near-repeat risk does. Symmetric.
 */
public record RivalryLink(String areaA, String areaB, double share) implements Serializable {
    public RivalryLink {
        Objects.requireNonNull(areaA, "areaA");
        Objects.requireNonNull(areaB, "areaB");
        if (areaA.equals(areaB) || !(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a rivalry links two different areas with a share in (0, 1]");
        }
    }

    /** The other side of the link from {@code area}, or null when the link does not touch it. */
    public String rivalOf(String area) {
        if (areaA.equals(area)) {
            return areaB;
        }
        if (areaB.equals(area)) {
            return areaA;
        }
        return null;
    }
}
