package org.ember.rules.lint;

import java.util.Map;

/**
 * Whether routing would deliver an alert with these labels anywhere. The routing package provides
 * the real check from its routing tree; {@code ember rules check --lint} uses it when a routing file
 * is given.
 */
@FunctionalInterface
public interface RouteCheck {
    /**
     * @return null when some route delivers it, else why not (one short phrase)
     */
    String undelivered(Map<String, String> labels);
}
