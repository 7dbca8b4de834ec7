package org.ember.jobs.delivery;

import org.ember.rules.delivery.Notification;

/**
 * A message whose channel was down, waiting for its next attempt.
 *
 * @param notification  what to send
 * @param attempts      attempts made so far
 * @param firstAttempt  processing time of the first attempt
 * @param nextAttempt   processing time of the next
 */
public record PendingDelivery(Notification notification, int attempts, long firstAttempt, long nextAttempt) {}
