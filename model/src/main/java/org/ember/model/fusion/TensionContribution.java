package org.ember.model.fusion;

import java.util.List;

/**
 * One reason for an area's tension.
 *
 * @param signal   e.g. near_repeat, rivalry, intel, hot_cells, scan, exceedance
 * @param value    the signal's value
 * @param weight   points per unit (configuration)
 * @param points   what it adds to the score (value capped, times weight)
 * @param detail   one line for the duty officer
 * @param evidence the incidents, reports, cells or clusters behind it
 */
public record TensionContribution(String signal, double value, double weight, double points, String detail,
        List<String> evidence) {
    public TensionContribution {
        evidence = List.copyOf(evidence);
    }
}
