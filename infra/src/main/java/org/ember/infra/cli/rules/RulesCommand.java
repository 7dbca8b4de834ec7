package org.ember.infra.cli.rules;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ember rules}: check, test, push and inspect rule files. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Rule files operators can trust: check them, unit-test them, push them into the running job and",
            "see which version is in force. The language is described in docs/rules.md."
        },
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesPushCommand.class, RulesStatusCommand.class,
            CommandLine.HelpCommand.class})
public final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
