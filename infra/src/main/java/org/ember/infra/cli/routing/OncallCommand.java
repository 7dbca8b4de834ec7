package org.ember.infra.cli.routing;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.infra.cli.UserError;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.oncall.OnCallLoader;
import org.ember.rules.oncall.OnCallShift;
import org.ember.rules.oncall.Person;
import org.ember.rules.oncall.Team;
import org.ember.rules.routing.TimeInterval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ember oncall now [TEAM]}: who is on duty, per team, now or at a given time. */
@Command(name = "oncall", mixinStandardHelpOptions = true, description = "Duty rotas.",
        subcommands = {OncallCommand.Now.class})
public final class OncallCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "now", mixinStandardHelpOptions = true,
            description = "Who is on duty for each team (or one team), and until when.")
    static final class Now implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "TEAM", description = "Team id, e.g. cardiff (default: every team).")
        String team;

        @Option(names = "--at", description = "A time instead of now: 2025-10-26T01:30 (Europe/London) or with an offset.")
        String at;

        @Mixin
        RoutingOptions options;

        @Override
        public Integer call() {
            AlertRouting routing = options.load();
            Instant when;
            try {
                when = at == null ? Instant.now() : OnCallLoader.parseInstant(at, TimeInterval.LONDON);
            } catch (java.time.DateTimeException e) {
                throw new UserError("--at '" + at + "' is not a time like 2025-10-26T01:30 or 2025-10-26T01:30+01:00");
            }
            List<Team> teams = team == null ? List.copyOf(routing.directory().teams().values())
                    : List.of(routing.directory().team(team).orElseThrow(() -> new UserError("no team '" + team
                            + "'; teams: " + routing.directory().teams().keySet())));
            PrintStream out = System.out;
            out.println("On duty at " + RoutesCommand.LONDON.format(when) + ":");
            for (Team t : teams) {
                String who = "nobody (no schedule)";
                if (t.schedule() != null) {
                    OnCallShift shift = routing.directory().schedule(t.schedule()).flatMap(s -> s.onCall(when)).orElse(null);
                    if (shift == null) {
                        who = "nobody on " + t.schedule();
                    } else {
                        Person person = routing.directory().person(shift.person()).orElseThrow();
                        who = person.name() + " <" + (person.email() != null ? person.email() : person.webhook()) + ">"
                                + " until " + RoutesCommand.LONDON.format(shift.until()) + " (" + shift.source() + ")";
                    }
                }
                out.printf("  %-14s %s%s%n", t.id(), who, t.id().equals(routing.directory().hub()) ? "  [hub]" : "");
            }
            return 0;
        }
    }
}
