package org.ember.infra.cli;

/**
 * A problem with what the user gave us (a file, a flag, a row of a CSV). It is printed as one
 * line, without a stack trace, and the command exits with status 2.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
