package org.ember.console.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for the users file: PBKDF2 with HMAC-SHA256 from the JDK (no dependency), written
 * {@code pbkdf2-sha256:<iterations>:<salt, Base64>:<hash, Base64>}. 310 000 iterations follows
 * OWASP's current advice for this function. Make one with
 * {@code java -cp console/target/classes org.ember.console.auth.PasswordHash} (reads the password
 * from standard input, so it stays out of the shell history).
 */
public final class PasswordHash {
    public static final int ITERATIONS = 310_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    /** With fewer iterations for tests only; a users file with fewer than 100 000 is refused. */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    /** Whether the text is a hash this class can check (the users-file loader calls it). */
    public static String problem(String text, int minIterations) {
        String[] parts = text.split(":");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return "expected pbkdf2-sha256:<iterations>:<salt>:<hash>";
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < minIterations) {
                return "too few iterations (" + iterations + " < " + minIterations + ")";
            }
            Base64.getDecoder().decode(parts[2]);
            if (Base64.getDecoder().decode(parts[3]).length != 32) {
                return "the hash must be 32 bytes";
            }
        } catch (IllegalArgumentException e) {
            return "not a valid hash: " + e.getMessage();
        }
        return null;
    }

    /** Constant-time comparison of a password against a stored hash. */
    public static boolean matches(char[] password, String stored) {
        if (stored == null || problem(stored, 1) != null) {
            return false;
        }
        String[] parts = stored.split(":");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    public static void main(String[] args) throws java.io.IOException {
        java.io.Console console = System.console();
        char[] password = console != null ? console.readPassword("password: ")
                : new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip().toCharArray();
        System.out.println(hash(password));
    }
}
