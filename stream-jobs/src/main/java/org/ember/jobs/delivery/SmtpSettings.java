package org.ember.jobs.delivery;

import java.io.Serializable;
import java.time.Duration;

/**
 * The mail server e-mail notifications go through.
 *
 * @param host     SMTP host
 * @param port     SMTP port (25, 587, or a test server's)
 * @param from     sender address, e.g. {@code ember@vru.example}
 * @param username login, or null for none
 * @param password password, or null (read it from the environment, never from a file in git)
 * @param startTls whether to require STARTTLS
 * @param timeout  connect, read and write timeout: a server that does not answer counts as down
 */
public record SmtpSettings(String host, int port, String from, String username, String password, boolean startTls,
        Duration timeout) implements Serializable {

    /** A local server without login or TLS, such as a test server. */
    public static SmtpSettings plain(String host, int port, String from) {
        return new SmtpSettings(host, port, from, null, null, false, Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", from " + from + (username == null ? "" : ", user " + username) + "]";
    }
}
