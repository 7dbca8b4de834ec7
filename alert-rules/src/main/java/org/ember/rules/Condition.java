package org.ember.rules;

import java.io.Serializable;
import java.util.List;

/**
 * A condition over an area's metrics: one comparison, or {@code all}/{@code any} of conditions.
 * Conditions are values: two with the same {@link #text()} behave the same.
 */
public sealed interface Condition extends Serializable permits Comparison, AllOf, AnyOf {
    boolean holds(MetricLookup values);

    /** Every comparison, depth first in file order; the first is the rule's primary comparison. */
    List<Comparison> comparisons();

    /** A canonical one-line text, used for the rule's definition hash and in messages. */
    String text();
}
