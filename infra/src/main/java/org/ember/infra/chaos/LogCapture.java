package org.ember.infra.chaos;

import java.io.StringWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything this JVM logs (the in-process job included) while open, for a leak search. */
public final class LogCapture implements AutoCloseable {
    private final StringWriter text = new StringWriter();
    private final WriterAppender appender;

    public LogCapture(String name) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        appender = WriterAppender.newBuilder().setName(name).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build()).build();
        appender.start();
        context.getConfiguration().addAppender(appender);
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.getConfiguration().getLoggerConfig("org.ember").addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** What was logged so far. */
    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.getConfiguration().getLoggerConfig("org.ember").removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
