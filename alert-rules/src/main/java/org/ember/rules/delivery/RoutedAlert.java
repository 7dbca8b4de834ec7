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
 */
public record RoutedAlert(String groupKey, String routeId, String receiver, Alert alert, boolean inhibited) {}
