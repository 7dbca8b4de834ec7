package org.ember.rules.areas;

import java.util.Collection;

/** The areas of a deployment, for checking the codes a rule file names and for scoring backtests. */
public interface KnownAreas {
    boolean isLsoa(String code);

    boolean isLad(String code);

    /** Every covered LSOA code. */
    Collection<String> lsoas();

    /** The local authority of a covered LSOA, or null. */
    String ladOf(String lsoa);
}
