package org.ember.infra.cli.rules;

import java.time.Duration;
import org.ember.rules.DurationText;
import picocli.CommandLine;

/** A duration option written as in rule files: 30s, 10m, 2h, 7d, 1h30m. */
public final class DurationOption implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d = DurationText.parse(value);
        if (d == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 10m, 2h or 7d");
        }
        return d;
    }
}
