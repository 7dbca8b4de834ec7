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

    private PseudonymKeys() {}

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
