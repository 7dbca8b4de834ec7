package org.ember.rules.oncall;

/**
 * Someone who can be on duty.
 *
 * @param id      short stable id used in rotas and overrides, e.g. {@code rhys.evans}
 * @param name    name shown in messages
 * @param email   address for e-mail notifications, or null
 * @param webhook URL of a personal chat webhook, or null
 */
public record Person(String id, String name, String email, String webhook) {}
