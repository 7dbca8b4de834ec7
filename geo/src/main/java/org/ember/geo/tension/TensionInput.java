package org.ember.geo.tension;

import java.util.List;

/**
 * One signal of an area as the scorer takes it.
 *
 * @param signal   signal name (see {@link TensionSettings})
 * @param value    its current value
 * @param detail   one line saying what it is, e.g. "2 serious incidents within 400 m in 14 days"
 * @param evidence ids of the incidents, reports, cells or clusters behind it
 */
public record TensionInput(String signal, double value, String detail, List<String> evidence) {
    public TensionInput {
        evidence = List.copyOf(evidence);
    }
}
