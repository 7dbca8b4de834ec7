package org.ember.rules.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * People, teams, schedules and escalation policies of one deployment ({@code oncall.yaml}), and
 * the answer to "who does this target mean right now". Pure and immutable.
 */
public final class OnCallDirectory {
    private final Map<String, Person> people;
    private final Map<String, Team> teams;
    private final Map<String, Schedule> schedules;
    private final Map<String, EscalationPolicy> policies;
    private final String hub;

    public OnCallDirectory(List<Person> people, List<Team> teams, List<Schedule> schedules,
            List<EscalationPolicy> policies, String hub) {
        this.people = index(people, Person::id);
        this.teams = index(teams, Team::id);
        this.schedules = index(schedules, Schedule::id);
        this.policies = index(policies, EscalationPolicy::id);
        this.hub = hub;
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return java.util.Collections.unmodifiableMap(map);
    }

    public Optional<Person> person(String id) {
        return Optional.ofNullable(people.get(id));
    }

    public Optional<Team> team(String id) {
        return Optional.ofNullable(teams.get(id));
    }

    public Optional<Schedule> schedule(String id) {
        return Optional.ofNullable(schedules.get(id));
    }

    public Optional<EscalationPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    public Map<String, Team> teams() {
        return teams;
    }

    public Map<String, EscalationPolicy> policies() {
        return policies;
    }

    public String hub() {
        return hub;
    }

    /**
     * The contacts a target means at {@code at}: a person's addresses; whoever a schedule has on
     * duty; a team's duty officer and its shared inbox and channel; the hub as a team. Duplicates
     * (the same channel and address) appear once.
     */
    public List<Contact> resolve(Target target, Instant at) {
        Set<Contact> contacts = new LinkedHashSet<>();
        switch (target.kind()) {
            case PERSON -> person(target.id()).ifPresent(p -> contacts.addAll(contacts(p)));
            case SCHEDULE -> onDuty(target.id(), at).ifPresent(p -> contacts.addAll(contacts(p)));
            case TEAM -> team(target.id()).ifPresent(t -> contacts.addAll(teamContacts(t, at)));
            case HUB -> team(hub).ifPresent(t -> contacts.addAll(teamContacts(t, at)));
        }
        return new ArrayList<>(contacts);
    }

    /** The contacts of several targets, in order, each once. */
    public List<Contact> resolve(List<Target> targets, Instant at) {
        Set<Contact> contacts = new LinkedHashSet<>();
        targets.forEach(t -> contacts.addAll(resolve(t, at)));
        return new ArrayList<>(contacts);
    }

    /** The person a schedule has on duty at {@code at}. */
    public Optional<Person> onDuty(String scheduleId, Instant at) {
        return schedule(scheduleId).flatMap(s -> s.onCall(at)).flatMap(shift -> person(shift.person()));
    }

    private List<Contact> teamContacts(Team team, Instant at) {
        List<Contact> contacts = new ArrayList<>();
        if (team.schedule() != null) {
            onDuty(team.schedule(), at).ifPresent(p -> contacts.addAll(contacts(p)));
        }
        if (team.email() != null) {
            contacts.add(new Contact("team:" + team.id(), team.name(), Contact.EMAIL, team.email()));
        }
        if (team.webhook() != null) {
            contacts.add(new Contact("team:" + team.id(), team.name(), Contact.WEBHOOK, team.webhook()));
        }
        return contacts;
    }

    private static List<Contact> contacts(Person person) {
        List<Contact> contacts = new ArrayList<>();
        if (person.email() != null) {
            contacts.add(new Contact(person.id(), person.name(), Contact.EMAIL, person.email()));
        }
        if (person.webhook() != null) {
            contacts.add(new Contact(person.id(), person.name(), Contact.WEBHOOK, person.webhook()));
        }
        return contacts;
    }
}
