package org.ember.geo.tension;

import java.util.List;

/** One signal's part of a tension score: its value, its weight and the points they give. */
public record TensionContribution(String signal, double value, double weight, double points, String detail,
        List<String> evidence) {
    public TensionContribution {
        evidence = List.copyOf(evidence);
    }
}
