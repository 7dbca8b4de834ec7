package org.ember.jobs.delivery;

import org.ember.rules.delivery.Notification;

/** One way of getting a message to a contact. Implementations must be safe to call from one task thread. */
public interface Channel extends AutoCloseable {
    /** Delivers the notification, or throws: the caller retries with backoff. */
    void send(Notification notification) throws Exception;

    /** The channel's name in the delivery audit: email, webhook or outbox. */
    String name();

    @Override
    default void close() {}
}
