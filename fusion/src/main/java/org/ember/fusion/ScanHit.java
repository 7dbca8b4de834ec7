package org.ember.fusion;

import java.util.List;

/**
 * A cluster of the latest daily scan of a local authority.
 *
 * @param id             stable within the day: {@code scan:<lad>:<day>:<rank>}
 * @param centre         centre LSOA
 * @param lsoas          LSOAs in the cylinder
 * @param start          first day of the cylinder (ISO date)
 * @param end            last day (the scan day)
 * @param observed       cases in the cylinder
 * @param expected       expected cases
 * @param recurrenceDays recurrence interval in days
 */
public record ScanHit(String id, String centre, List<String> lsoas, String start, String end, long observed,
        double expected, double recurrenceDays) {
    public ScanHit {
        lsoas = List.copyOf(lsoas);
    }
}
