package org.ember.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ember.infra.chaos.ClusterCampaign;
import org.ember.infra.chaos.InvalidRulePush;
import org.ember.rules.snapshot.RuleEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault campaign on a real cluster: a JobManager, two TaskManagers and three brokers, each its
 * own JVM, the job's e-mail going to GreenMail. Days of the South Wales replay ({@code ember.chaos.days}:
 * 4 in every build, 7 for the full campaign) are run once undisturbed, then again while TaskManagers
 * are SIGKILLed ({@code ember.chaos.kills}, 3 in every build, 10 for the full campaign), a broker is
 * stopped for 30 s, halfway an invalid rule set is pushed, and SMTP is stopped from the run's first
 * e-mail ({@code ember.chaos.smtp.outage}, seconds: 60 in every build, 600 for the full campaign). The
 * undisturbed run also shows that every metric the Prometheus rules read is exported by the running
 * job, and that with those series the feed-silence alert pages when A&amp;E stops.
 *
 * <p>It runs with infra's other tests, in one of their two JVMs (infra/pom.xml), and needs the
 * packaged job jar (the job module is built before infra) and ~3 GB of memory. Alone: profile
 * {@code cluster-faults}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultIT {
    private static final Path HOME = Path.of(System.getProperty("ember.home", "..")).toAbsolutePath().normalize();
    private static final int KILLS = Integer.getInteger("ember.chaos.kills", 3);
    /** Days of March replayed in each run: 4 raise ~300 transitions in about half the time 7 took (docs/reliability.md, run 27). */
    private static final int DAYS = Integer.getInteger("ember.chaos.days", 4);
    private static final Duration SMTP_OUTAGE = Duration.ofSeconds(Long.getLong("ember.chaos.smtp.outage", 60));
    private static final Path DIR = HOME.resolve("infra/target/cluster-it");
    private static final String ROUTED_GROUP_INTERVAL = "group_interval: 10m";
    private static final String CAMPAIGN_GROUP_INTERVAL = "group_interval: 30s";
    /**
     * No e-mail for this long (and none pending) ends a run: longer than the routing's group_wait (1 min)
     * and the campaign's group_interval (30 s), so a group's first message or update still due has been sent.
     */
    private static final Duration QUIET_FOR = Duration.ofSeconds(75);

    private LocalCluster cluster;
    private ClusterCampaign campaign;
    private volatile GreenMail mail;
    private int smtpPort;
    private ClusterCampaign.Run undisturbed;
    private Map<String, Integer> undisturbedMail;
    private java.time.Instant undisturbedFrom;
    private PromExposition scraped;
    /** E-mails of the faulted run that reached the GreenMail instance stopped for the SMTP outage. */
    private volatile double pendingDuringOutage;
    /** The hub team's chat channel: escalations reach it in a long faulted run (its real address would fail for a day). */
    private com.sun.net.httpserver.HttpServer hub;
    private final java.util.concurrent.atomic.AtomicInteger hubPosts = new java.util.concurrent.atomic.AtomicInteger();
    private final List<MimeMessage> receivedBeforeOutage = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @BeforeAll
    void startCluster() throws Exception {
        deleteRecursively(DIR);
        smtpPort = freePort();
        mail = startMail();
        hub = startHubChannel();
        Path deployment = deploymentWithSmtp(DIR.resolve("deployment"));
        cluster = LocalCluster.start(new LocalCluster.Layout(DIR.resolve("cluster"), ClusterPorts.free(),
                ClusterFiles.flinkClasspath(HOME), ClusterFiles.kafkaClasspath(), 2));
        campaign = ClusterCampaign.prepare(cluster, HOME, deployment, dataDir(), DAYS, System.out);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (hub != null) {
            hub.stop(0);
        }
    }

    /** The undisturbed run, once; its e-mails, then the mailbox emptied for the faulted run. */
    private synchronized ClusterCampaign.Run undisturbed() throws Exception {
        if (undisturbed == null) {
            undisturbedFrom = java.time.Instant.now();
            System.out.println("undisturbed run from " + undisturbedFrom);
            undisturbed = campaign.run("undisturbed", ClusterCampaign.Faults.NONE, job -> {
                scraped = scrapeAll();
                awaitDelivered();
            });
            undisturbedMail = mailByKey();
            mail.purgeEmailFromAllMailboxes();
        }
        return undisturbed;
    }

    @Test
    @Order(1)
    void theRunningJobExportsEveryMetricTheRulesReadAndAStoppedAeFeedPages() throws Exception {
        assertThat(undisturbed().transitions()).as("the replay raises alerts").isNotEmpty();
        assertThat(undisturbedMail).as("and e-mails them").isNotEmpty();
        Files.writeString(DIR.resolve("scraped-metrics.txt"), scraped.samples().stream()
                .map(Object::toString).reduce("", (a, b) -> a + b + "\n"));

        Path rules = HOME.resolve("infra/monitoring/ember-rules.yml");
        Path test = FeedSilencePromtoolFile.write(scraped, rules, DIR.resolve("feed-silence.test.yml"));
        Process promtool = new ProcessBuilder("promtool", "test", "rules", test.toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("promtool test rules " + test + ":\n" + output);

        Set<String> missing = new TreeSet<>();
        Matcher m = Pattern.compile("(flink_[A-Za-z0-9_]+)(\\{job_name=\"ember\"\\})?").matcher(Files.readString(rules));
        while (m.find()) {
            String name = m.group(1);
            if (scraped.named(name).stream().noneMatch(s -> "ember".equals(s.labels().get("job_name")))) {
                missing.add(name);
            }
        }
        System.out.println("metrics the rules read, missing on the running job: " + missing);
        assertThat(missing).as("metrics the rules read that the running job does not export with job_name=\"ember\"")
                .isEmpty();
        assertThat(promtool.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    @Order(2)
    void killedTaskManagersAStoppedBrokerInvalidRulesAndAnSmtpOutageChangeNoAlertAndSendNothingTwice()
            throws Exception {
        ClusterCampaign.Run before = undisturbed();
        long version = 1_000_000 + System.currentTimeMillis() % 1_000_000;
        ClusterCampaign.Faults faults = new ClusterCampaign.Faults(KILLS, Duration.ofSeconds(30), () -> {
            String broken = InvalidRulePush.publish(cluster.bootstrapServers(), HOME.resolve("alert-rules/rules"), version);
            System.out.println("  invalid rules pushed (" + broken + ")");
        });
        // SMTP goes down at the faulted run's first e-mail, alongside the kills: the replay's e-mails
        // all go out within a minute or two, so an outage halfway (runs 1-11) could miss every one.
        java.util.concurrent.CompletableFuture<Void> outage = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                smtpOutageAtFirstMail();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The job is stopped after each run: wait while it runs until every notification left its state.
        java.time.Instant faultedFrom = java.time.Instant.now();
        System.out.println("faulted run from " + faultedFrom);
        ClusterCampaign.Run faulted = campaign.run("faulted", faults, job -> {
            outage.get(SMTP_OUTAGE.plusMinutes(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            awaitDelivered();
        });
        ClusterCampaign.Comparison comparison = campaign.compare(before, faulted);
        Map<String, Integer> faultedMail = mailByKey();
        List<String> mailTwice = faultedMail.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        Set<String> mailLost = new TreeSet<>(undisturbedMail.keySet());
        mailLost.removeAll(faultedMail.keySet());
        Set<String> mailExtra = new TreeSet<>(faultedMail.keySet());
        mailExtra.removeAll(undisturbedMail.keySet());
        // Which alerts each recipient was told of. Messages batch the alerts that reach a group within
        // its wall-clock group_wait, so how a run's alerts fall into messages (and the messages' keys)
        // depends on its speed; that every alert reached the same people does not.
        Set<String> toldUndisturbed = told(undisturbedMail, NotificationHistory.fingerprintsByDeliveryKey(
                cluster.bootstrapServers(), undisturbedFrom, faultedFrom));
        Set<String> toldFaulted = told(faultedMail, NotificationHistory.fingerprintsByDeliveryKey(
                cluster.bootstrapServers(), faultedFrom, java.time.Instant.now()));
        Set<String> untold = new TreeSet<>(toldUndisturbed);
        untold.removeAll(toldFaulted);
        Set<String> toldOnlyAfterFaults = new TreeSet<>(toldFaulted);
        toldOnlyAfterFaults.removeAll(toldUndisturbed);
        List<String> toExplain = new java.util.ArrayList<>(mailLost);
        toExplain.addAll(mailTwice);
        toExplain.addAll(mailExtra);
        System.out.print(NotificationHistory.of(cluster.bootstrapServers(), toExplain));
        Map<String, Long> outcomes = NotificationHistory.outcomesSince(cluster.bootstrapServers(), faultedFrom);
        System.out.println("faulted run on ember.deliveries (committed): " + outcomes + "; most notifications pending "
                + "while SMTP was down: " + pendingDuringOutage + "; posts to the hub's chat webhook (both runs): "
                + hubPosts.get());
        Optional<RuleEvent> event = InvalidRulePush.awaitEvent(cluster.bootstrapServers(), version, Duration.ofSeconds(60));
        System.out.printf("cluster faults: %d TaskManager kills, broker stopped 30 s, SMTP stopped %d s, invalid rules%n%s"
                + "e-mails: undisturbed %d, faulted %d, twice %d; keys only undisturbed %d, only after faults %d%n"
                + "alerts told (alert → recipient): undisturbed %d, faulted %d, untold after faults %d %s, "
                + "told only after faults %d %s%ninvalid rules: %s%n",
                KILLS, SMTP_OUTAGE.toSeconds(), comparison.report(), undisturbedMail.size(), faultedMail.size(),
                mailTwice.size(), mailLost.size(), mailExtra.size(), toldUndisturbed.size(), toldFaulted.size(),
                untold.size(), untold, toldOnlyAfterFaults.size(), first(toldOnlyAfterFaults, 12), event);

        if (Boolean.getBoolean("ember.chaos.control")) {
            // What two runs without faults already differ in (-Dember.chaos.control=true): tells a
            // difference the faults make from one the job makes by itself.
            ClusterCampaign.Run again = campaign.run("undisturbed-again", ClusterCampaign.Faults.NONE, null);
            System.out.println("control, two undisturbed runs: " + campaign.compare(before, again).report());
        }
        assertThat(event).as("the job's answer to the invalid rules").hasValueSatisfying(e -> {
            assertThat(e.outcome()).isEqualTo(RuleEvent.REJECTED);
            assertThat(e.problems()).anyMatch(p -> p.matches("[\\w.-]+\\.yaml:\\d+:\\d+: .*sevrity.*"));
        });
        assertThat(mailTwice).as("notifications e-mailed twice").isEmpty();
        assertThat(outcomes.getOrDefault("undeliverable", 0L)).as("notifications given up on").isZero();
        assertThat(outcomes.getOrDefault("failed", 0L)).as("attempts that failed while SMTP was down").isPositive();
        assertThat(pendingDuringOutage).as("notifications waiting for SMTP, on ember_deliveries_pending").isPositive();
        assertThat(comparison.lost()).as("alert transitions of the undisturbed run missing after faults").isEmpty();
        assertThat(comparison.extra()).as("alert transitions only the faulted run has").isEmpty();
        assertThat(untold).as("alerts the undisturbed run e-mailed to someone, not e-mailed to them after faults")
                .isEmpty();
    }

    /** Every Prometheus endpoint of the cluster: the JobManager's and each TaskManager's. */
    private PromExposition scrapeAll() throws Exception {
        PromExposition all = PromExposition.scrape(cluster.ports().jobManagerMetrics());
        for (int i = 0; i < 2; i++) {
            all = all.plus(PromExposition.scrape(cluster.ports().taskManagerMetrics(i)));
        }
        return all;
    }

    /**
     * Waits until no notification is pending in any TaskManager (retries after the SMTP outage back
     * off up to 10 min) and no e-mail arrived for {@link #QUIET_FOR}, at most SMTP outage + 12 min.
     */
    private void awaitDelivered() throws Exception {
        int seen = -1;
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + SMTP_OUTAGE.plusMinutes(12).toNanos();
        while (System.nanoTime() < deadline) {
            int now = mail.getReceivedMessages().length;
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
            if (pending() <= 0 && System.nanoTime() - quietSince > QUIET_FOR.toNanos()) {
                System.out.println("  " + java.time.Instant.now() + " nothing pending and no e-mail for " + QUIET_FOR
                        + " (" + now + " received)");
                return;
            }
            Thread.sleep(2000);
        }
        System.out.println("notifications still pending after " + SMTP_OUTAGE.plusMinutes(12));
    }

    private static String first(Set<String> items, int n) {
        return items.stream().limit(n).toList() + (items.size() > n ? " and " + (items.size() - n) + " more" : "");
    }

    /**
     * Stops the SMTP server once the faulted run's first e-mail arrived, for {@code SMTP_OUTAGE},
     * sampling the pending gauge meanwhile: the notifications that fail must stay visible there.
     */
    private void smtpOutageAtFirstMail() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (mail.getReceivedMessages().length == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // What the stopped server received counts too: a repeat sent before the outage is still a repeat.
        // Read from its store once it has stopped (stop() gives the server a new, empty store): a
        // message it accepted between a first look and the stop was told "sent" to Ember and is not
        // sent again, so a look before the stop lost it (run 28: six alerts of one hub e-mail "untold").
        com.icegreen.greenmail.Managers store = mail.getManagers();
        mail.stop();
        Thread.sleep(1_000); // a session accepted before the stop finishes storing its message
        for (com.icegreen.greenmail.store.StoredMessage m : store.getImapHostManager().getAllMessages()) {
            receivedBeforeOutage.add(m.getMimeMessage());
        }
        System.out.println("  SMTP stopped for " + SMTP_OUTAGE.toSeconds() + " s at " + java.time.Instant.now() + ", after "
                + receivedBeforeOutage.size() + " e-mail(s)");
        long back = System.nanoTime() + SMTP_OUTAGE.toNanos();
        while (System.nanoTime() < back) {
            try {
                pendingDuringOutage = Math.max(pendingDuringOutage, pending());
            } catch (Exception e) {
                // a TaskManager being restarted: look again
            }
            Thread.sleep(Math.min(5000, Math.max(1, (back - System.nanoTime()) / 1_000_000)));
        }
        mail = startMail();
        System.out.println("  SMTP back at " + java.time.Instant.now());
    }

    /** Notifications waiting for a retry, over both TaskManagers. */
    private double pending() throws Exception {
        double pending = 0;
        for (int i = 0; i < 2; i++) {
            pending += PromExposition.scrape(cluster.ports().taskManagerMetrics(i))
                    .named("flink_taskmanager_job_task_operator_ember_deliveries_pending").stream()
                    .mapToDouble(PromExposition.Sample::value).sum();
        }
        return pending;
    }

    /**
     * {@code fingerprint → recipient} for every alert in every e-mail received ({@code mail} as
     * {@link #mailByKey()} counts it), the alerts of a message read from its records on
     * {@code ember.deliveries}; a message with none there counts under its own key.
     */
    private static Set<String> told(Map<String, Integer> mail, Map<String, Set<String>> fingerprints) {
        Set<String> told = new TreeSet<>();
        for (String mailKey : mail.keySet()) {
            String[] parts = mailKey.split(" ", 2);
            Set<String> alerts = fingerprints.getOrDefault(parts[0], Set.of("message:" + parts[0]));
            for (String alert : alerts) {
                told.add(alert + " → " + parts[1]);
            }
        }
        return told;
    }

    /** E-mails received: idempotency key and recipient → how many. */
    private Map<String, Integer> mailByKey() throws Exception {
        Map<String, Integer> byKey = new TreeMap<>();
        List<MimeMessage> received = new java.util.ArrayList<>(receivedBeforeOutage);
        received.addAll(Arrays.asList(mail.getReceivedMessages()));
        for (MimeMessage message : received) {
            String[] key = message.getHeader("X-Ember-Idempotency-Key");
            Address[] to = message.getAllRecipients();
            byKey.merge((key == null ? "-" : key[0]) + " " + (to == null ? "-" : Arrays.toString(to)), 1, Integer::sum);
        }
        return byKey;
    }

    private GreenMail startMail() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private com.sun.net.httpserver.HttpServer startHubChannel() throws IOException {
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hubPosts.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * The South Wales deployment with its e-mail going to this test's GreenMail and the hub team's
     * chat webhook to this test's {@link #hub}.
     */
    private Path deploymentWithSmtp(Path dir) throws IOException {
        Path source = HOME.resolve("deployments/south-wales-gwent");
        Files.createDirectories(dir.resolve("routing"));
        Files.copy(source.resolve("postcode-districts.csv"), dir.resolve("postcode-districts.csv"));
        Path routing = HOME.resolve("alert-rules/routing");
        // A group that already sent its first message tells alerts joining it group_interval (10 min) later.
        // How a run's alerts fall into groups depends on its speed: after a restore the job catches up in a
        // burst, so alerts the undisturbed run told in a new group's first message join a still-open group
        // and wait for its update. Both runs must get there before the test stops the job, so the campaign's
        // routing updates every 30 s and the test waits out QUIET_FOR (runs 20-24, docs/reliability.md).
        // group_wait stays the real file's (1 min). Run 24 (15 s) left two alerts untold: a critical alert
        // reaching the group within the wall-clock wait in one run only muted a warning before it was told.
        // The Dispatcher now decides that on event time (run 25, docs/reliability.md).
        String routes = Files.readString(routing.resolve("routes.yaml"));
        if (!routes.contains(ROUTED_GROUP_INTERVAL)) {
            throw new IllegalStateException("the root route in " + routing + "/routes.yaml no longer has "
                    + ROUTED_GROUP_INTERVAL);
        }
        Files.writeString(dir.resolve("routing/routes.yaml"), routes.replace(ROUTED_GROUP_INTERVAL, CAMPAIGN_GROUP_INTERVAL));
        String oncall = Files.readString(routing.resolve("oncall.yaml"));
        String hubUrl = "https://hub-channel.vru.example/webhook/ember";
        if (!oncall.contains(hubUrl)) {
            throw new IllegalStateException("the hub's webhook in " + routing + "/oncall.yaml is no longer " + hubUrl);
        }
        Files.writeString(dir.resolve("routing/oncall.yaml"),
                oncall.replace(hubUrl, "http://127.0.0.1:" + hub.getAddress().getPort() + "/webhook/ember"));
        String text = Files.readString(source.resolve("deployment.yaml"))
                .replace("routing: ../../alert-rules/routing\n", "routing: " + dir.resolve("routing") + "\n")
                .replace("../../alert-rules/", HOME.resolve("alert-rules") + "/");
        text += "\nsmtp: {host: 127.0.0.1, port: " + smtpPort + ", from: ember@chaos.example, starttls: false}\n";
        return Files.writeString(dir.resolve("deployment.yaml"), text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path dataDir() {
        return Path.of(System.getProperty("ember.data.dir", HOME.resolve("../shared/data").toString())).toAbsolutePath();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
