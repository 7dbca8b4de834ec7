package org.ember.deployment;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ember.geo.area.Coverage;
import org.ember.rules.routing.ConfigException;

/**
 * One VRU's deployment, resolved once from its file: every entry point (the demo, {@code ember job},
 * {@code ember console}, backtests, rule checks, a cluster job's {@code main}) builds from this
 * object and nothing else. Every path in it is absolute and was checked to exist when it was loaded.
 *
 * @param name                 short name, e.g. {@code avon-and-somerset}
 * @param title                readable name of the VRU
 * @param file                 the deployment file it came from
 * @param dataDir              the shared data directory its data paths were resolved against
 * @param capSender            sender id of CAP messages
 * @param publicUrl            the console's address as people's browsers reach it; links in messages use it
 * @param hub                  the hub
 * @param spokes               the spokes, each with its local authorities
 * @param coverage             the covered local authorities and the files their areas come from
 * @param simulator            police folders, ambulance service and emergency departments the simulator uses
 * @param calendars            calendar files, or null
 * @param suppressionThreshold smallest count shown as it is to partners
 * @param kafka                Kafka client connection
 * @param mail                 SMTP server, or null (notifications then go to an outbox folder)
 * @param rules                rule file or folder
 * @param ruleTests            rule test file or folder, or null
 * @param routing              folder holding {@code routes.yaml} and {@code oncall.yaml}
 * @param routingTests         routing test file or folder, or null
 */
public record Deployment(
        String name,
        String title,
        Path file,
        Path dataDir,
        String capSender,
        URI publicUrl,
        Hub hub,
        List<Spoke> spokes,
        Coverage coverage,
        SimulatorSources simulator,
        Calendars calendars,
        int suppressionThreshold,
        KafkaClient kafka,
        MailServer mail,
        Path rules,
        Path ruleTests,
        Path routing,
        Path routingTests) {

    /** The environment variable naming the deployment file when {@code --deployment} is not given. */
    public static final String ENV = "EMBER_DEPLOYMENT";

    public Deployment {
        spokes = List.copyOf(spokes);
    }

    /**
     * Reads a deployment file strictly and checks it against its data: every file present, every
     * local authority with boundaries, every spoke with a route and a rota.
     *
     * @param dataDir the shared data directory, unless the file names one itself ({@code data_dir})
     * @throws ConfigException with every problem as {@code file:line:column: message}
     */
    public static Deployment load(Path file, Path dataDir) throws ConfigException {
        return new DeploymentLoader(System.getenv()).load(file, dataDir);
    }

    /** As {@link #load(Path, Path)}, with secrets read from the given environment instead of the process's. */
    public static Deployment load(Path file, Path dataDir, Map<String, String> environment) throws ConfigException {
        return new DeploymentLoader(environment).load(file, dataDir);
    }

    /** The spoke serving a local authority, if any. */
    public Optional<Spoke> spokeOf(String lad) {
        return spokes.stream().filter(s -> s.lads().contains(lad)).findFirst();
    }

    public List<String> ladCodes() {
        return coverage.ladCodes();
    }

    /** The same deployment talking to another Kafka (e.g. the demo's broker). */
    public Deployment withKafka(KafkaClient newKafka) {
        return new Deployment(name, title, file, dataDir, capSender, publicUrl, hub, spokes, coverage, simulator, calendars,
                suppressionThreshold, newKafka, mail, rules, ruleTests, routing, routingTests);
    }

    /** The same deployment with its console at another address (e.g. the demo's port). */
    public Deployment withPublicUrl(URI newPublicUrl) {
        return new Deployment(name, title, file, dataDir, capSender, newPublicUrl, hub, spokes, coverage, simulator,
                calendars, suppressionThreshold, kafka, mail, rules, ruleTests, routing, routingTests);
    }

    /** The same deployment sending e-mail through another server (null = outbox only). */
    public Deployment withMail(MailServer newMail) {
        return new Deployment(name, title, file, dataDir, capSender, publicUrl, hub, spokes, coverage, simulator, calendars,
                suppressionThreshold, kafka, newMail, rules, ruleTests, routing, routingTests);
    }
}
