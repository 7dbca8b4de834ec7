package org.ember.rules.oncall;

import java.time.Instant;

/**
 * Who is on duty and for how long.
 *
 * @param person person id
 * @param source the layer or {@code override} that put them there
 * @param from   start of the shift or override
 * @param until  end of the shift or override
 */
public record OnCallShift(String person, String source, Instant from, Instant until) {}
