package org.ember.rules.oncall;

/**
 * One address a notification goes to.
 *
 * @param who     person or team id ({@code team:<id>} for a shared inbox or channel)
 * @param name    readable name
 * @param channel {@value #EMAIL} or {@value #WEBHOOK}
 * @param address e-mail address or URL
 */
public record Contact(String who, String name, String channel, String address) {
    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";
}
