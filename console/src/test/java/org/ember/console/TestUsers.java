package org.ember.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ember.console.auth.PasswordHash;
import org.ember.console.auth.Users;

/** A users file for tests: one person per role, password "<name>-pass", hashed with the fewest iterations allowed. */
final class TestUsers {
    static final String OFFICER = "officer";      // duty officer, Cardiff (W06000015)
    static final String SWANSEA_OFFICER = "swansea";  // duty officer, Swansea (W06000011)
    static final String ANALYST = "analyst";
    static final String PARTNER = "partner";
    static final String ADMIN = "admin";

    private TestUsers() {}

    static Path write(Path dir) throws IOException {
        String yaml = "users:\n"
                + user(OFFICER, "Dana Hughes", "duty_officer", "[W06000015]")
                + user(SWANSEA_OFFICER, "Rhys Evans", "duty_officer", "[W06000011]")
                + user(ANALYST, "Ana Lyst", "analyst", null)
                + user(PARTNER, "Pat Partner", "partner", null)
                + user(ADMIN, "Ada Min", "administrator", null);
        return Files.writeString(dir.resolve("users.yaml"), yaml);
    }

    static String password(String name) {
        return name + "-pass";
    }

    private static String user(String name, String display, String role, String lads) {
        return "  - name: " + name + "\n    display_name: " + display + "\n    role: " + role + "\n"
                + (lads == null ? "" : "    lads: " + lads + "\n")
                + "    password_hash: \"" + PasswordHash.hash(password(name).toCharArray(), Users.MIN_ITERATIONS) + "\"\n";
    }
}
