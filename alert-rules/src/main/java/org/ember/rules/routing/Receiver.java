package org.ember.rules.routing;

import java.io.Serializable;

/**
 * Where a route's alerts go: an escalation policy (defined in the on-call file) that says who is
 * told, step by step. A receiver without a policy delivers nowhere (a deliberate "null" receiver,
 * e.g. for alerts that only feed the map and the CAP feed).
 *
 * @param name         receiver name, unique
 * @param escalation   escalation policy id, or null
 * @param sendResolved whether those already told also hear when the alerts resolve
 */
public record Receiver(String name, String escalation, boolean sendResolved) implements Serializable {
    public boolean delivers() {
        return escalation != null;
    }
}
