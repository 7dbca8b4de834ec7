package org.ember.rules;

/** One problem in a rule file, located for an editor: {@code file:line:column: message}. */
public record RuleFileProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
