package org.ember.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule file that cannot be put in force, with every problem found. */
public final class RuleFileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleFileProblem> problems;

    public RuleFileException(List<RuleFileProblem> problems) {
        super(problems.stream().map(RuleFileProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleFileProblem> problems() {
        return problems;
    }
}
