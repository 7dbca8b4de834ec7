package org.ember.model.privacy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Where the pseudonymisation key comes from. In production a missing key is a startup error: a
 * silently generated key would make pseudonyms change at every restart and break linkage.
 */
public final class PseudonymKeys {
    public static final String ENV_VARIABLE = "EMBER_PSEUDONYM_KEY";

    /** Least estimated entropy of a production key, in bits (a 128-bit secret). */
    static final double MIN_ENTROPY_BITS = 128;

    private PseudonymKeys() {}

    /**
     * Why a key is too weak for production, or null. The estimate is the key's length times the
     * Shannon entropy of its characters, which a repeated letter, a short cycle ("abcabc…") or a
     * word padded with one character cannot reach; a 32-character hex string from a random source
     * has about 120 bits, so production asks for 128 (e.g. 64 hex characters or 32 random bytes in Base64).
     */
    static String weakness(String key) {
        int[] counts = new int[Character.MAX_VALUE + 1];
        int distinct = 0;
        for (int i = 0; i < key.length(); i++) {
            if (counts[key.charAt(i)]++ == 0) {
                distinct++;
            }
        }
        double perChar = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / key.length();
                perChar -= p * Math.log(p) / Math.log(2);
            }
        }
        double bits = perChar * key.length();
        if (distinct < 10 || bits < MIN_ENTROPY_BITS) {
            return String.format(java.util.Locale.ROOT,
                    "looks too regular to be a secret (%d distinct characters, about %.0f bits; at least %.0f needed)",
                    distinct, bits, MIN_ENTROPY_BITS);
        }
        return null;
    }

    /**
     * The key from the environment; in non-production mode a missing key is replaced by a random
     * one for this run only.
     *
     * @throws IllegalStateException in production mode when the key is missing or too short
     */
    public static Pseudonymiser resolve(Map<String, String> environment, boolean production) {
        Optional<String> key = Optional.ofNullable(environment.get(ENV_VARIABLE)).filter(k -> !k.isBlank());
        if (key.isPresent()) {
            if (key.get().length() < Pseudonymiser.MIN_KEY_BYTES) {
                throw new IllegalStateException(ENV_VARIABLE + " is shorter than "
                        + Pseudonymiser.MIN_KEY_BYTES + " characters; use a random key of at least 32");
            }
            if (production) {
                String weakness = weakness(key.get());
                if (weakness != null) {
                    throw new IllegalStateException(ENV_VARIABLE + " " + weakness
                            + "; use a random key, e.g. `openssl rand -hex 32`");
                }
            }
            return Pseudonymiser.withKey(key.get());
        }
        if (production) {
            throw new IllegalStateException(ENV_VARIABLE + " is not set: production mode needs the "
                    + "pseudonymisation key (a random secret of at least 32 characters, the same on every node)");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Pseudonymiser.withKey(HexFormat.of().formatHex(random));
    }
}
