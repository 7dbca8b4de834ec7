package org.ember.infra.cli;

import picocli.CommandLine;

/** Prints a {@link UserError} as one line and exits 2; anything else is a bug and keeps its trace. */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR_EXIT = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (e instanceof UserError) {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return USER_ERROR_EXIT;
        }
        throw e;
    }
}
