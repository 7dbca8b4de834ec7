package org.ember.rules.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.ember.rules.routing.TimeInterval;

/**
 * One layer of a schedule: members take turns in shifts of a fixed wall-clock length, handing
 * over at a wall-clock time. Shifts are counted in local time, so a 12-hour night shift from 20:00
 * to 08:00 is 13 hours long on the night the clocks go back and 11 on the night they go forward,
 * and the hand-over stays at 08:00.
 *
 * @param name    layer name
 * @param start   local date and time the first shift starts (the first member's)
 * @param shift   shift length: whole hours that divide a day, or whole days
 * @param members person ids in turn order
 * @param active  windows the layer covers (empty = always); outside them the layer has nobody
 * @param zone    the time zone shifts are counted in
 */
public record Rotation(String name, LocalDateTime start, Duration shift, List<String> members, List<TimeInterval> active,
        ZoneId zone) {

    public Rotation {
        members = List.copyOf(members);
        active = List.copyOf(active);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a rotation needs at least one member");
        }
        long hours = shift.toHours();
        if (shift.toMinutes() % 60 != 0 || hours < 1 || (24 % hours != 0 && hours % 24 != 0)) {
            throw new IllegalArgumentException("shift length must be whole hours dividing a day (1h…12h) or whole days, got "
                    + shift);
        }
    }

    /** Shift number {@code k}'s start (k may be negative: before the rotation began). */
    public Instant shiftStart(long k) {
        return start.plusHours(shift.toHours() * k).atZone(zone).toInstant();
    }

    /** The number of the shift that contains {@code at}. */
    public long shiftAt(Instant at) {
        long k = Math.floorDiv(Duration.between(shiftStart(0), at).toHours(), shift.toHours());
        while (shiftStart(k).isAfter(at)) {
            k--;
        }
        while (!shiftStart(k + 1).isAfter(at)) {
            k++;
        }
        return k;
    }

    /** Who is on duty at {@code at} on this layer, with the shift's bounds; empty outside its active windows. */
    public Optional<OnCallShift> onCall(Instant at) {
        if (!active.isEmpty() && !TimeInterval.any(active, at)) {
            return Optional.empty();
        }
        long k = shiftAt(at);
        String member = members.get((int) Math.floorMod(k, (long) members.size()));
        return Optional.of(new OnCallShift(member, name, shiftStart(k), shiftStart(k + 1)));
    }
}
