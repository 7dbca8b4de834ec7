package org.ember.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ember.rules.routing.ConfigException;
import org.ember.rules.routing.ConfigProblem;
import org.ember.rules.routing.YamlSource;

/**
 * The people who may log in to the embedded console, from a YAML users file read strictly (every
 * mistake reported as {@code file:line:column}):
 * <pre>
 * users:
 *   - name: dhughes
 *     display_name: Dana Hughes
 *     role: duty_officer          # duty_officer | analyst | partner | administrator
 *     lads: [W06000015]           # the spoke's local authorities; omit for every spoke
 *     password_hash: pbkdf2-sha256:310000:...   # see PasswordHash
 * </pre>
 */
public final class Users {
    /** Below this a hash is too cheap to guess at; the default for new hashes is {@link PasswordHash#ITERATIONS}. */
    public static final int MIN_ITERATIONS = 100_000;
    private static final Set<String> USER_KEYS = Set.of("name", "display_name", "role", "lads", "password_hash");

    private final Map<String, User> byName;
    // Checked against when a name is unknown, so a wrong name costs as long as a wrong password.
    private final String decoy = PasswordHash.hash("decoy".toCharArray(), MIN_ITERATIONS);

    public Users(List<User> users) {
        Map<String, User> map = new LinkedHashMap<>();
        for (User user : users) {
            if (map.put(user.name(), user) != null) {
                throw new IllegalArgumentException("user '" + user.name() + "' appears twice");
            }
        }
        this.byName = Map.copyOf(map);
    }

    public static Users load(Path file) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        YamlSource source = YamlSource.read(file, problems);
        List<User> users = new ArrayList<>();
        if (source.readable()) {
            JsonNode root = source.root();
            source.onlyKeys(root, "", Set.of("users"));
            List<JsonNode> items = source.list(root, "", "users", true);
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String at = YamlSource.child("/users", i);
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    source.problem(at, "each user must be a mapping");
                    continue;
                }
                source.onlyKeys(item, at, USER_KEYS);
                String name = source.text(item, at, "name", true);
                String roleText = source.text(item, at, "role", true);
                String hash = source.text(item, at, "password_hash", false);
                Role role = null;
                if (roleText != null) {
                    try {
                        role = Role.of(roleText);
                    } catch (IllegalArgumentException e) {
                        source.problem(YamlSource.child(at, "role"), e.getMessage());
                    }
                }
                if (name != null && !name.matches("[A-Za-z0-9._@-]{1,64}")) {
                    source.problem(YamlSource.child(at, "name"), "a name is 1-64 letters, digits or . _ @ -");
                    name = null;
                }
                if (name != null && !seen.add(name)) {
                    source.problem(YamlSource.child(at, "name"), "user '" + name + "' appears twice");
                }
                if (hash != null) {
                    String problem = PasswordHash.problem(hash, MIN_ITERATIONS);
                    if (problem != null) {
                        source.problem(YamlSource.child(at, "password_hash"), problem);
                    }
                }
                List<String> lads = source.texts(item, at, "lads");
                if (name != null && role != null) {
                    users.add(new User(name, source.text(item, at, "display_name", false), role, Set.copyOf(lads), hash));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Users(users);
    }

    public Optional<User> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The person, when the name is known and the password matches its hash. */
    public Optional<User> authenticate(String name, char[] password) {
        User user = name == null ? null : byName.get(name);
        if (user == null || user.passwordHash() == null) {
            PasswordHash.matches(password, decoy);
            return Optional.empty();
        }
        return PasswordHash.matches(password, user.passwordHash()) ? Optional.of(user) : Optional.empty();
    }

    public int size() {
        return byName.size();
    }
}
