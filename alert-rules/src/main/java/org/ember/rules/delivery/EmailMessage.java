package org.ember.rules.delivery;

/**
 * An e-mail ready for any transport.
 *
 * @param to        recipient address
 * @param subject   subject line
 * @param text      plain-text body
 * @param messageId RFC 5322 Message-ID, derived from the delivery's idempotency key so that a
 *                  mail system can drop a repeat too
 */
public record EmailMessage(String to, String subject, String text, String messageId) {}
