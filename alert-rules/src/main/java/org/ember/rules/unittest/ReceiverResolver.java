package org.ember.rules.unittest;

import java.util.List;
import org.ember.model.Alert;

/**
 * Where routing would deliver an alert at a given time. Rule unit tests that name
 * {@code receivers:} ask this; the routing package provides the real one (its routing tree and
 * rotas). Until a resolver is given, tests that check receivers fail with a clear message.
 */
@FunctionalInterface
public interface ReceiverResolver {
    /**
     * @return the receivers' names, or null when routing is not available
     */
    List<String> receivers(Alert alert, long at);

    /** No routing: every check of receivers fails, saying so. */
    ReceiverResolver NONE = (alert, at) -> null;
}
