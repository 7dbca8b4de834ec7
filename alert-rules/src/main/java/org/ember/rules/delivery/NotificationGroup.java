package org.ember.rules.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working copy of one group's state: its status and members. The job loads it from keyed
 * state, lets the {@link Dispatcher} change it, and stores it back; tests keep it in memory.
 */
public final class NotificationGroup {
    private GroupStatus status;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();

    public NotificationGroup(GroupStatus status, Iterable<GroupMember> members) {
        this.status = status;
        List<GroupMember> sorted = new ArrayList<>();
        members.forEach(sorted::add);
        // Keyed state gives no order; notifications list alerts in the order they joined.
        sorted.sort(Comparator.comparingLong(GroupMember::firstSeenAt).thenComparing(GroupMember::fingerprint));
        sorted.forEach(m -> this.members.put(m.fingerprint(), m));
    }

    public static NotificationGroup empty() {
        return new NotificationGroup(null, List.of());
    }

    /** Null when the group has no episode running (nothing to keep). */
    public GroupStatus status() {
        return status;
    }

    void status(GroupStatus status) {
        this.status = status;
    }

    public Map<String, GroupMember> members() {
        return members;
    }

    public boolean isEmpty() {
        return status == null;
    }

    void clear() {
        status = null;
        members.clear();
    }
}
