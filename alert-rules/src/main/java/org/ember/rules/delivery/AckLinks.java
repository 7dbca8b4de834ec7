package org.ember.rules.delivery;

import java.io.Serializable;

/**
 * Links into the console for the people notified. The acknowledge link opens a page with one
 * button (a POST): a link that acknowledged on GET would be "clicked" by mail scanners.
 *
 * @param consoleUrl the console's public base URL, ending in '/'; null when there is none
 */
public record AckLinks(String consoleUrl) implements Serializable {
    public AckLinks {
        if (consoleUrl != null && !consoleUrl.endsWith("/")) {
            consoleUrl = consoleUrl + "/";
        }
    }

    public boolean available() {
        return consoleUrl != null;
    }

    public String acknowledge(String fingerprint) {
        return available() ? consoleUrl + "alerts/" + fingerprint + "/ack" : "";
    }

    /** The console's map, flown to the alert's area with its why panel open. */
    public String mapArea(String fingerprint) {
        return available() ? consoleUrl + "#alert=" + fingerprint : "";
    }

    public String capMessage(String identifier) {
        return available() ? consoleUrl + "cap/alerts/" + identifier : "";
    }
}
