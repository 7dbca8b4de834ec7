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
    /**
     * One digest per thread, reused: {@link MessageDigest#getInstance} looks the algorithm up in the
     * security providers on every call, which was a third of this method's samples in the backtest.
     * {@link MessageDigest#digest(byte[])} resets the digest, so a reused one hashes as a fresh one.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Fingerprints::sha256);

    private Fingerprints() {}

    public static String of(String rule, String layer, String areaId, long episodeStart) {
        byte[] hash = SHA_256.get().digest((rule + "\u0000" + layer + "\u0000" + areaId + "\u0000" + episodeStart)
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 12);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
