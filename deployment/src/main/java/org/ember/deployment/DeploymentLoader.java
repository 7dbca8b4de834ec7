package org.ember.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ember.geo.area.AreaSources;
import org.ember.geo.area.BoundaryFiles;
import org.ember.geo.area.Coverage;
import org.ember.model.privacy.SmallCountSuppression;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.routing.ConfigException;
import org.ember.rules.routing.ConfigProblem;
import org.ember.rules.routing.Receiver;
import org.ember.rules.routing.Route;
import org.ember.rules.routing.YamlSource;

/**
 * Reads {@code deployment.yaml} with the project's strict YAML reader ({@link YamlSource}): an unknown
 * key, a missing setting, a file that does not exist, a local authority without boundaries or a
 * spoke without a route is a problem at its {@code file:line:column}, and one pass reports them all.
 *
 * <p>Data paths (boundaries, police folders, calendars) are relative to the data directory; the
 * operators' own files (rules, routing, tests, postcode districts) are relative to the deployment
 * file's folder. See docs/deployment.md for the format.
 */
final class DeploymentLoader {
    private static final Set<String> TOP_KEYS = Set.of("name", "title", "data_dir", "cap_sender", "public_url", "hub",
            "spokes", "boundaries", "postcode_districts", "simulator", "calendars", "suppression_threshold", "kafka",
            "smtp", "rules", "rule_tests", "routing", "routing_tests");
    private static final Set<String> HUB_KEYS = Set.of("name", "receiver");
    private static final Set<String> SPOKE_KEYS = Set.of("id", "name", "lads", "receiver");
    private static final Set<String> BOUNDARY_KEYS = Set.of("lsoa", "la", "lsoa_lookup");
    private static final Set<String> LSOA_KEYS = Set.of("files", "code_property", "name_property");
    private static final Set<String> LA_KEYS = Set.of("file", "code_property", "name_property");
    private static final Set<String> SIMULATOR_KEYS = Set.of("police", "ambulance_service", "emergency_departments");
    private static final Set<String> SITE_KEYS = Set.of("code", "name", "lon", "lat");
    private static final Set<String> CALENDAR_KEYS = Set.of("bank_holidays", "division", "school_terms");
    private static final Set<String> KAFKA_KEYS = Set.of("bootstrap_servers", "properties");
    private static final Set<String> SMTP_KEYS = Set.of("host", "port", "from", "username", "password_env", "starttls");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern LAD_CODE = Pattern.compile("[EWSN][0-9]{8}");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> environment;

    DeploymentLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    Deployment load(Path file, Path defaultDataDir) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            absolute = absolute.resolve("deployment.yaml");
        }
        YamlSource yaml = YamlSource.read(absolute, problems);
        Deployment deployment = yaml.readable() ? new Reading(yaml, absolute, defaultDataDir).read() : null;
        if (!problems.isEmpty() || deployment == null) {
            throw new ConfigException(problems);
        }
        return deployment;
    }

    /** One pass over one file. */
    private final class Reading {
        private final YamlSource yaml;
        private final Path file;
        private final Path home;
        private final Path defaultDataDir;
        private Path dataDir;

        Reading(YamlSource yaml, Path file, Path defaultDataDir) {
            this.yaml = yaml;
            this.file = file;
            this.home = file.getParent();
            this.defaultDataDir = defaultDataDir;
        }

        Deployment read() {
            JsonNode root = yaml.root();
            yaml.onlyKeys(root, "", TOP_KEYS);
            String name = yaml.text(root, "", "name", true);
            if (name != null && !NAME.matcher(name).matches()) {
                yaml.problem("/name", "'name' must be lower-case letters, digits and hyphens, e.g. avon-and-somerset");
            }
            String title = yaml.text(root, "", "title", false);
            String dataDirText = yaml.text(root, "", "data_dir", false);
            dataDir = (dataDirText != null ? home.resolve(dataDirText) : defaultDataDir).toAbsolutePath().normalize();
            if (!Files.isDirectory(dataDir)) {
                yaml.problem(dataDirText != null ? "/data_dir" : "", "data directory " + dataDir + " does not exist"
                        + (dataDirText != null ? " (setting data_dir)" : "; set --data-dir or EMBER_DATA_DIR"));
                return null;
            }
            String capSender = yaml.text(root, "", "cap_sender", true);
            URI publicUrl = publicUrl(root);
            Hub hub = hub(root);
            List<Spoke> spokes = spokes(root);
            List<String> lads = spokes.stream().flatMap(s -> s.lads().stream()).toList();
            Coverage coverage = coverage(root, name, spokes, lads);
            SimulatorSources simulator = simulator(root);
            Calendars calendars = calendars(root);
            int threshold = yaml.integer(root, "", "suppression_threshold", 1, SmallCountSuppression.DEFAULT_THRESHOLD);
            KafkaClient kafka = kafka(root);
            MailServer mail = mail(root);
            Path rules = operatorPath(root, "rules", true);
            Path ruleTests = operatorPath(root, "rule_tests", false);
            Path routing = operatorPath(root, "routing", true);
            Path routingTests = operatorPath(root, "routing_tests", false);
            if (routing != null && hub != null) {
                checkRouting(routing, hub, spokes);
            }
            if (coverage == null || hub == null || simulator == null) {
                return null;
            }
            return new Deployment(name, title != null ? title : name, file, dataDir, capSender, publicUrl, hub, spokes,
                    coverage, simulator, calendars, threshold, kafka, mail, rules, ruleTests, routing, routingTests);
        }

        private URI publicUrl(JsonNode root) {
            String text = yaml.text(root, "", "public_url", true);
            if (text == null) {
                return null;
            }
            try {
                URI uri = new URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    yaml.problem("/public_url", "'public_url' must be an http or https address people's browsers reach, "
                            + "e.g. https://ember.vru.example");
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                yaml.problem("/public_url", "'public_url' is not an address: " + e.getMessage());
                return null;
            }
        }

        private Hub hub(JsonNode root) {
            JsonNode hub = yaml.mapping(root, "", "hub", true);
            if (hub == null) {
                return null;
            }
            yaml.onlyKeys(hub, "/hub", HUB_KEYS);
            String name = yaml.text(hub, "/hub", "name", true);
            String receiver = yaml.text(hub, "/hub", "receiver", true);
            return name == null || receiver == null ? null : new Hub(name, receiver);
        }

        private List<Spoke> spokes(JsonNode root) {
            List<JsonNode> items = yaml.list(root, "", "spokes", true);
            if (items.isEmpty() && root.has("spokes")) {
                yaml.problem("/spokes", "a deployment needs at least one spoke");
            }
            List<Spoke> spokes = new ArrayList<>();
            Map<String, String> ladToSpoke = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String at = YamlSource.child("/spokes", i);
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    yaml.problem(at, "a spoke is a mapping: {id, name, lads, receiver}");
                    continue;
                }
                yaml.onlyKeys(item, at, SPOKE_KEYS);
                String id = yaml.text(item, at, "id", true);
                String name = yaml.text(item, at, "name", false);
                String receiver = yaml.text(item, at, "receiver", true);
                List<String> lads = yaml.texts(item, at, "lads");
                if (lads.isEmpty()) {
                    yaml.problem(at, "spoke '" + id + "' needs 'lads': the local authority codes it serves");
                }
                for (int k = 0; k < lads.size(); k++) {
                    String lad = lads.get(k);
                    String ladAt = YamlSource.child(YamlSource.child(at, "lads"), k);
                    if (!LAD_CODE.matcher(lad).matches()) {
                        yaml.problem(ladAt, "'" + lad + "' is not a local authority code (nine characters, e.g. E06000023)");
                    }
                    String other = ladToSpoke.putIfAbsent(lad, id);
                    if (other != null) {
                        yaml.problem(ladAt, "local authority " + lad + " is already served by spoke '" + other + "'");
                    }
                }
                if (id != null && receiver != null) {
                    spokes.add(new Spoke(id, name != null ? name : id, lads, receiver));
                }
            }
            return spokes;
        }

        private Coverage coverage(JsonNode root, String name, List<Spoke> spokes, List<String> lads) {
            JsonNode boundaries = yaml.mapping(root, "", "boundaries", true);
            if (boundaries == null) {
                return null;
            }
            yaml.onlyKeys(boundaries, "/boundaries", BOUNDARY_KEYS);
            JsonNode lsoa = yaml.mapping(boundaries, "/boundaries", "lsoa", true);
            JsonNode la = yaml.mapping(boundaries, "/boundaries", "la", true);
            if (lsoa == null || la == null) {
                return null;
            }
            yaml.onlyKeys(lsoa, "/boundaries/lsoa", LSOA_KEYS);
            yaml.onlyKeys(la, "/boundaries/la", LA_KEYS);
            String pattern = yaml.text(lsoa, "/boundaries/lsoa", "files", true);
            if (pattern != null && !pattern.contains(AreaSources.LAD_PLACEHOLDER)) {
                yaml.problem("/boundaries/lsoa/files", "'files' must contain " + AreaSources.LAD_PLACEHOLDER
                        + " where the local authority code goes, e.g. boundaries/my_lsoa11_by_lad/{lad}.json");
                pattern = null;
            }
            String lsoaCode = orDefault(yaml.text(lsoa, "/boundaries/lsoa", "code_property", false), "LSOA11CD");
            String lsoaName = orDefault(yaml.text(lsoa, "/boundaries/lsoa", "name_property", false), "LSOA11NM");
            Path laFile = dataPath(la, "/boundaries/la", "file", "boundaries.la.file", true);
            String laCode = orDefault(yaml.text(la, "/boundaries/la", "code_property", false), "LAD13CD");
            String laName = orDefault(yaml.text(la, "/boundaries/la", "name_property", false), "LAD13NM");
            Path lookup = dataPath(boundaries, "/boundaries", "lsoa_lookup", "boundaries.lsoa_lookup", false);
            Path postcodes = operatorPath(root, "postcode_districts", false);
            if (pattern == null) {
                return null;
            }
            Set<String> outlined = Set.of();
            if (laFile != null) {
                try {
                    outlined = BoundaryFiles.codes(laFile, laCode);
                } catch (UncheckedIOException | IllegalArgumentException e) {
                    yaml.problem("/boundaries/la/file", "cannot read " + laFile + ": " + e.getMessage());
                }
            }
            Map<String, String> lsoaFiles = new TreeMap<>();
            for (int i = 0; i < spokes.size(); i++) {
                List<String> spokeLads = spokes.get(i).lads();
                for (int k = 0; k < spokeLads.size(); k++) {
                    String lad = spokeLads.get(k);
                    String ladAt = YamlSource.child(YamlSource.child(YamlSource.child("/spokes", i), "lads"), k);
                    Path lsoaFile = dataDir.resolve(pattern.replace(AreaSources.LAD_PLACEHOLDER, lad)).normalize();
                    if (!Files.isRegularFile(lsoaFile)) {
                        yaml.problem(ladAt, "local authority " + lad + " has no LSOA boundary file: " + lsoaFile
                                + " does not exist (setting boundaries.lsoa.files)");
                    }
                    if (laFile != null && !outlined.isEmpty() && !outlined.contains(lad)) {
                        yaml.problem(ladAt, "unknown local authority " + lad + ": it is not in " + laFile
                                + " (setting boundaries.la.file)");
                    }
                    lsoaFiles.put(lad, lsoaFile.toString());
                }
            }
            AreaSources sources = new AreaSources(lsoaFiles, lsoaCode, lsoaName, laFile == null ? null : laFile.toString(),
                    laCode, laName, lookup == null ? null : lookup.toString(), postcodes == null ? null : postcodes.toString());
            return new Coverage(name == null ? "deployment" : name, lads, sources);
        }

        private SimulatorSources simulator(JsonNode root) {
            JsonNode simulator = yaml.mapping(root, "", "simulator", true);
            if (simulator == null) {
                return null;
            }
            yaml.onlyKeys(simulator, "/simulator", SIMULATOR_KEYS);
            List<String> police = yaml.texts(simulator, "/simulator", "police");
            if (police.isEmpty()) {
                yaml.problem("/simulator", "'police' is required: the data.police.uk force folders to replay");
            }
            List<Path> folders = new ArrayList<>();
            for (int i = 0; i < police.size(); i++) {
                Path folder = dataDir.resolve("police").resolve(police.get(i)).normalize();
                if (!Files.isDirectory(folder)) {
                    yaml.problem(YamlSource.child("/simulator/police", i), "police folder " + folder
                            + " does not exist (setting simulator.police)");
                }
                folders.add(folder);
            }
            String ambulance = yaml.text(simulator, "/simulator", "ambulance_service", true);
            List<AeSite> sites = new ArrayList<>();
            List<JsonNode> items = yaml.list(simulator, "/simulator", "emergency_departments", true);
            for (int i = 0; i < items.size(); i++) {
                String at = YamlSource.child("/simulator/emergency_departments", i);
                JsonNode item = items.get(i);
                yaml.onlyKeys(item, at, SITE_KEYS);
                String code = yaml.text(item, at, "code", true);
                String name = yaml.text(item, at, "name", true);
                Double lon = coordinate(item, at, "lon", -9, 3);
                Double lat = coordinate(item, at, "lat", 49, 61);
                if (code != null && name != null && lon != null && lat != null) {
                    sites.add(new AeSite(code, name, lon, lat));
                }
            }
            if (items.isEmpty() && simulator.has("emergency_departments")) {
                yaml.problem("/simulator/emergency_departments", "at least one emergency department is needed");
            }
            return ambulance == null ? null : new SimulatorSources(folders, ambulance, sites);
        }

        private Double coordinate(JsonNode item, String at, String key, double min, double max) {
            JsonNode value = item.get(key);
            if (value == null || !value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
                yaml.problem(value == null ? at : YamlSource.child(at, key),
                        "'" + key + "' must be a number between " + min + " and " + max + " (WGS84 degrees)");
                return null;
            }
            return value.asDouble();
        }

        private Calendars calendars(JsonNode root) {
            JsonNode calendars = yaml.mapping(root, "", "calendars", false);
            if (calendars == null) {
                return null;
            }
            yaml.onlyKeys(calendars, "/calendars", CALENDAR_KEYS);
            List<String> holidays = yaml.texts(calendars, "/calendars", "bank_holidays");
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < holidays.size(); i++) {
                Path path = dataDir.resolve(holidays.get(i)).normalize();
                if (!Files.isRegularFile(path)) {
                    yaml.problem(YamlSource.child("/calendars/bank_holidays", i), "file " + path
                            + " does not exist (setting calendars.bank_holidays)");
                }
                files.add(path);
            }
            String division = orDefault(yaml.text(calendars, "/calendars", "division", false), "england-and-wales");
            Path schools = dataPath(calendars, "/calendars", "school_terms", "calendars.school_terms", false);
            return new Calendars(files, division, schools);
        }

        private KafkaClient kafka(JsonNode root) {
            JsonNode kafka = yaml.mapping(root, "", "kafka", false);
            if (kafka == null) {
                return KafkaClient.none();
            }
            yaml.onlyKeys(kafka, "/kafka", KAFKA_KEYS);
            String servers = yaml.text(kafka, "/kafka", "bootstrap_servers", false);
            Map<String, String> properties = new LinkedHashMap<>();
            JsonNode props = yaml.mapping(kafka, "/kafka", "properties", false);
            if (props != null) {
                for (Map.Entry<String, JsonNode> entry : props.properties()) {
                    String at = YamlSource.child("/kafka/properties", entry.getKey());
                    if (!entry.getValue().isValueNode()) {
                        yaml.problem(at, "Kafka client property '" + entry.getKey() + "' must be a text or number");
                        continue;
                    }
                    if (entry.getKey().equals("bootstrap.servers")) {
                        yaml.problem(at, "give the brokers as kafka.bootstrap_servers, not as a client property");
                        continue;
                    }
                    String value = withEnvironment(entry.getValue().asText(), at, "kafka.properties." + entry.getKey());
                    if (value != null) {
                        properties.put(entry.getKey(), value);
                    }
                }
            }
            return new KafkaClient(servers, properties);
        }

        private MailServer mail(JsonNode root) {
            JsonNode smtp = yaml.mapping(root, "", "smtp", false);
            if (smtp == null) {
                return null;
            }
            yaml.onlyKeys(smtp, "/smtp", SMTP_KEYS);
            String host = yaml.text(smtp, "/smtp", "host", true);
            int port = yaml.integer(smtp, "/smtp", "port", 1, 25);
            String from = yaml.text(smtp, "/smtp", "from", true);
            String user = yaml.text(smtp, "/smtp", "username", false);
            String passwordEnv = yaml.text(smtp, "/smtp", "password_env", false);
            boolean startTls = yaml.bool(smtp, "/smtp", "starttls", false);
            String password = null;
            if (passwordEnv != null) {
                password = environment.get(passwordEnv);
                if (password == null || password.isEmpty()) {
                    yaml.problem("/smtp/password_env", "environment variable " + passwordEnv
                            + " is not set (setting smtp.password_env)");
                }
            }
            return host == null || from == null ? null : new MailServer(host, port, from, user, password, startTls);
        }

        /** Replaces every {@code ${env:NAME}} with the variable's value; an unset one is a problem. */
        private String withEnvironment(String text, String at, String setting) {
            Matcher m = ENV_REF.matcher(text);
            StringBuilder out = new StringBuilder();
            boolean ok = true;
            while (m.find()) {
                String value = environment.get(m.group(1));
                if (value == null) {
                    yaml.problem(at, "environment variable " + m.group(1) + " is not set (setting " + setting + ")");
                    ok = false;
                    value = "";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return ok ? out.toString() : null;
        }

        private Path dataPath(JsonNode parent, String pointer, String key, String setting, boolean required) {
            String text = yaml.text(parent, pointer, key, required);
            if (text == null) {
                return null;
            }
            Path path = dataDir.resolve(text).normalize();
            if (!Files.exists(path)) {
                yaml.problem(YamlSource.child(pointer, key), "file " + path + " does not exist (setting " + setting + ")");
                return null;
            }
            return path;
        }

        private Path operatorPath(JsonNode root, String key, boolean required) {
            String text = yaml.text(root, "", key, required);
            if (text == null) {
                return null;
            }
            Path path = home.resolve(text).normalize();
            if (!Files.exists(path)) {
                yaml.problem(YamlSource.child("", key), "file " + path + " does not exist (setting " + key + ")");
                return null;
            }
            return path;
        }

        /** Every spoke's authorities reach its receiver, and the hub's receiver is the tree's root. */
        private void checkRouting(Path routingDir, Hub hub, List<Spoke> spokes) {
            AlertRouting routing;
            try {
                routing = AlertRouting.load(routingDir);
            } catch (ConfigException e) {
                yaml.problem("/routing", "routing files are invalid (setting routing):");
                e.problems().forEach(p -> yaml.problem("/routing", p.toString()));
                return;
            }
            if (!hub.receiver().equals(routing.tree().root().receiver())) {
                yaml.problem("/hub/receiver", "the hub's receiver '" + hub.receiver() + "' is not the root receiver '"
                        + routing.tree().root().receiver() + "' of " + routingDir.resolve(AlertRouting.ROUTES));
            }
            for (int i = 0; i < spokes.size(); i++) {
                Spoke spoke = spokes.get(i);
                String at = YamlSource.child("/spokes", i);
                Receiver receiver = routing.tree().receiver(spoke.receiver());
                if (receiver == null) {
                    yaml.problem(YamlSource.child(at, "receiver"), "spoke '" + spoke.id() + "' names receiver '"
                            + spoke.receiver() + "', which " + routingDir.resolve(AlertRouting.ROUTES) + " does not have");
                    continue;
                }
                if (routing.directory().policy(receiver.escalation()).isEmpty()) {
                    yaml.problem(YamlSource.child(at, "receiver"), "spoke '" + spoke.id() + "' has no rota: escalation '"
                            + receiver.escalation() + "' is not in " + routingDir.resolve(AlertRouting.ONCALL));
                }
                for (String lad : spoke.lads()) {
                    List<String> reached = routing.tree().match(Map.of("lad", lad, "alertname", "deployment-check",
                            "severity", "warning", "layer", "lad", "area", lad)).stream().map(Route::receiver).toList();
                    if (!reached.contains(spoke.receiver())) {
                        yaml.problem(at, "spoke '" + spoke.id() + "' has no route: an alert in " + lad + " goes to "
                                + reached + ", not to '" + spoke.receiver() + "' (" + routingDir.resolve(AlertRouting.ROUTES)
                                + ")");
                    }
                }
            }
        }
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
