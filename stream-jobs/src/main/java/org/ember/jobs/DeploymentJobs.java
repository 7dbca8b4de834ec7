package org.ember.jobs;

import java.nio.file.Path;
import java.time.Duration;
import org.ember.deployment.Deployment;
import org.ember.deployment.MailServer;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.fusion.FusionSettings;
import org.ember.jobs.delivery.DeliverySettings;
import org.ember.jobs.delivery.SmtpSettings;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.delivery.AckLinks;
import org.ember.rules.routing.ConfigException;

/**
 * The one place a {@link Deployment} becomes the job's settings: the demo, {@code ember job},
 * backtests and a cluster job's {@code main} all come through here, so a setting added to the
 * deployment file reaches every way of running the job at once.
 */
public final class DeploymentJobs {
    /** Side of the British National Grid cells events are placed in. */
    public static final int CELL_SIZE_METRES = 250;

    private DeploymentJobs() {}

    /**
     * The job's settings for a deployment.
     *
     * @param rules    the rule set in force at start (see {@link #rules(Deployment)})
     * @param idleness how long a silent feed waits before it stops holding back event time
     * @param fusion   fusion settings, or null for none (a replay of rules that read counts only)
     * @param delivery routing and channels (see {@link #delivery}), or null for no notifications
     */
    public static JobSettings settings(Deployment deployment, Pseudonymiser pseudonymiser, RuleSet rules,
            Duration idleness, FusionSettings fusion, DeliverySettings delivery) {
        return new JobSettings(deployment.dataDir().toString(), deployment.coverage(), CELL_SIZE_METRES, pseudonymiser,
                rules, JobSettings.defaultOutOfOrderness(), idleness, fusion, delivery)
                .withForecast(org.ember.jobs.forecast.ForecastSettings.of(deployment));
    }

    /** The deployment's areas, for checking the codes rule files name. */
    public static CatalogueAreas areas(Deployment deployment) {
        return new CatalogueAreas(AreaCatalogue.load(deployment.dataDir(), deployment.coverage()));
    }

    /** The deployment's rules, checked against its own areas. */
    public static RuleSet rules(Deployment deployment) throws RuleFileException {
        return new RuleFileLoader(areas(deployment)).load(deployment.rules());
    }

    /**
     * How the job tells people: the deployment's routing and rotas, e-mail through its SMTP server
     * (or, without one, every message written to {@code outbox}), links to its public URL.
     *
     * @param ledger where delivered keys are recorded so a restart never sends twice
     * @param outbox where messages go when the deployment has no SMTP server
     */
    public static DeliverySettings delivery(Deployment deployment, Path ledger, Path outbox) throws ConfigException {
        AckLinks links = new AckLinks(deployment.publicUrl().toString());
        MailServer mail = deployment.mail();
        if (mail == null) {
            return DeliverySettings.outbox(deployment.routing(), outbox, ledger, links);
        }
        SmtpSettings smtp = new SmtpSettings(mail.host(), mail.port(), mail.from(), mail.username(), mail.password(),
                mail.startTls(), Duration.ofSeconds(10));
        return DeliverySettings.live(deployment.routing(), smtp, ledger, links);
    }
}
