package org.ember.model.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a person reference with a keyed hash (HMAC-SHA256). The same reference under the same
 * key always gives the same pseudonym, so case events link up, while without the key nobody can
 * go back from a pseudonym to a person or test a guessed reference.
 */
public final class Pseudonymiser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";
    /** Below this the key is guessable; NCSC advice for HMAC keys is at least the hash length. */
    public static final int MIN_KEY_BYTES = 16;

    private final byte[] key;
    private transient Mac mac;

    public Pseudonymiser(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "pseudonymisation key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    public static Pseudonymiser withKey(String key) {
        return new Pseudonymiser(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The pseudonym of a reference, as "p_" and 64 hex digits; null stays null. */
    public String pseudonymise(String reference) {
        if (reference == null) {
            return null;
        }
        byte[] digest = mac().doFinal(reference.trim().getBytes(StandardCharsets.UTF_8));
        return "p_" + HexFormat.of().formatHex(digest);
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }
        return mac;
    }
}
