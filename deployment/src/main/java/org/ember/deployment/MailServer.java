package org.ember.deployment;

/**
 * The SMTP server e-mail notifications go through.
 *
 * @param password read from the environment variable the deployment names; null for none
 */
public record MailServer(String host, int port, String from, String username, String password, boolean startTls) {
    @Override
    public String toString() {
        return "MailServer[" + host + ":" + port + ", from " + from + (username == null ? "" : ", user " + username) + "]";
    }
}
