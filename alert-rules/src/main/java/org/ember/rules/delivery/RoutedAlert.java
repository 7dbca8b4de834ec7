package org.ember.rules.delivery;

import org.ember.model.Alert;

/**
 * An alert on its way to one notification group.
 *
 * @param groupKey  the group ({@link org.ember.rules.routing.Route#groupKey})
 * @param routeId   the route that took it
 * @param receiver  the route's receiver
 * @param alert     the alert transition
 * @param inhibited whether an inhibition rule mutes it right now
 * @param inhibitedSince when an alert muting it started firing (event time, epoch milliseconds); 0 when
 *                  it is not muted, or when that time is not known (it then counts as muted from the start)
 */
public record RoutedAlert(String groupKey, String routeId, String receiver, Alert alert, boolean inhibited,
        long inhibitedSince) {}
