package org.ember.rules.delivery;

import java.io.Serializable;
import org.ember.model.privacy.SmallCountSuppression;
import org.ember.rules.oncall.Contact;

/**
 * Which recipients get partners' texts (counts below the threshold as "fewer than N", no rule free
 * text, no runbook): those whose contact id is listed, e.g. {@code team:partners}. Built by whoever
 * assembles delivery from the deployment; nobody is restricted by default.
 *
 * @param partners  contact ids ({@link Contact#who()}) that are partners
 * @param threshold smallest count shown as it is
 */
public record RecipientPolicy(java.util.Set<String> partners, int threshold) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final RecipientPolicy NOBODY_RESTRICTED = new RecipientPolicy(java.util.Set.of(),
            SmallCountSuppression.DEFAULT_THRESHOLD);

    public RecipientPolicy {
        partners = java.util.Set.copyOf(partners);
        new SmallCountSuppression(threshold);
    }

    public boolean restricted(Contact contact) {
        return contact != null && partners.contains(contact.who());
    }
}
