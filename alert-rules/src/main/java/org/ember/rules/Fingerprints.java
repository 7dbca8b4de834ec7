package org.ember.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Alert identity derived only from what the alert is about — rule, area and the event time its
 * episode began — so a replay or a restart from a checkpoint produces the same fingerprint and a
 * receiver can drop the repeat.
 */
public final class Fingerprints {
    private Fingerprints() {}

    public static String of(String rule, String layer, String areaId, long episodeStart) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((rule + "\u0000" + layer + "\u0000" + areaId + "\u0000" + episodeStart)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
