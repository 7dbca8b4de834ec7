package org.ember.rules.oncall;

/**
 * A team: the hub or a local-authority spoke.
 *
 * @param id       short id, e.g. {@code cardiff}
 * @param name     readable name, e.g. "Cardiff VRU spoke"
 * @param email    shared inbox, or null
 * @param webhook  the team channel's incoming webhook (Teams, Slack), or null
 * @param schedule id of the team's duty schedule, or null
 */
public record Team(String id, String name, String email, String webhook, String schedule) {}
