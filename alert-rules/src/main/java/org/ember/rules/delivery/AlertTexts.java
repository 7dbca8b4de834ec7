package org.ember.rules.delivery;

import org.ember.model.Alert;

/** The alert texts other packages (CAP) share with the e-mail and webhook renderers. */
public final class AlertTexts {
    private AlertTexts() {}

    public static String what(Alert alert) {
        return AlertText.what(alert);
    }

    public static String stripResolved(String text) {
        return AlertText.stripResolved(text);
    }
}
