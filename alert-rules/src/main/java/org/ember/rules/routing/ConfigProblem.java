package org.ember.rules.routing;

/** One problem in a routing or on-call file, located for an editor: {@code file:line:column: message}. */
public record ConfigProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
