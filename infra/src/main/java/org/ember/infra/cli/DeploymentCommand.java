package org.ember.infra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.deployment.Deployment;
import org.ember.deployment.Spoke;
import org.ember.geo.area.AreaCatalogue;
import org.ember.jobs.DeploymentJobs;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember deployment check}: a deployment file and its data, checked before anything runs on them. */
@Command(name = "deployment", mixinStandardHelpOptions = true,
        description = "Checks a VRU's deployment file (docs/deployment.md).",
        subcommands = {DeploymentCommand.Check.class})
public final class DeploymentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = {
        "Reads the deployment file strictly and checks it with its data: every file present, every local",
        "authority with boundaries, every spoke with a route and a rota, the rules valid for its areas.",
        "Problems are printed as file:line:column: message; exit 1 when there is any."
    })
    static final class Check implements Callable<Integer> {
        @Mixin
        DeploymentOption deployment;

        @Option(names = "--data-dir", description = "Shared data directory (default: $EMBER_DATA_DIR, else ../shared/data).")
        Path dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Deployment d = deployment.load(dataDir);
            AreaCatalogue catalogue = AreaCatalogue.load(d.dataDir(), d.coverage());
            RuleSet rules;
            try {
                rules = DeploymentJobs.rules(d);
            } catch (RuleFileException e) {
                throw new UserError("the deployment " + d.file() + " cannot be used: its rules (setting rules) are invalid:\n"
                        + e.getMessage());
            }
            out.println(d.file() + ": deployment " + d.name() + " is ready (" + d.title() + ")");
            out.println("  data       " + d.dataDir());
            out.println("  areas      " + catalogue.lsoas().size() + " LSOAs in " + d.ladCodes().size() + " local authorities");
            out.println("  hub        " + d.hub().name() + " → receiver " + d.hub().receiver());
            for (Spoke spoke : d.spokes()) {
                out.println("  spoke      " + spoke.id() + " (" + spoke.name() + "): "
                        + String.join(", ", spoke.lads().stream().map(l -> catalogue.ladName(l) + " " + l).toList())
                        + " → receiver " + spoke.receiver());
            }
            out.println("  rules      " + rules.rules().size() + " from " + d.rules());
            out.println("  routing    " + d.routing());
            out.println("  simulator  police " + d.simulator().policeFolders().stream().map(p -> p.getFileName().toString())
                    .toList() + ", " + d.simulator().emergencyDepartments().size() + " emergency departments");
            out.println("  public url " + d.publicUrl() + " · notifications " + (d.mail() == null ? "to an outbox folder"
                    : "by e-mail through " + d.mail()));
            out.flush();
            return 0;
        }
    }
}
