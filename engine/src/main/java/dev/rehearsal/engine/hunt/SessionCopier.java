package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.sim.ContactState;
import dev.rehearsal.engine.sim.SimulationSession;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Copies a simulator state for each choice of the hunt. {@link SimulationSession#copy()} round-trips
 * through JSON (about half a millisecond), which dominated hunting; this copies the known fields
 * directly, sharing the immutable ones (persona, turns, replies). If either class gains a field this
 * copier does not know, it falls back to the JSON copy rather than silently dropping state.
 */
final class SessionCopier {
    private static final Set<String> SESSION_FIELDS = Set.of("workflowId", "personaId", "persona", "seed", "walk", "stepId",
            "stepIndex", "clock", "startedAt", "timezone", "endReason", "contact", "transcript", "visits",
            "likelyToConvert", "usage");
    private static final Set<String> CONTACT_FIELDS = Set.of("fields", "tags", "smsOptedOutAt", "emailUnsubscribedAt",
            "replies", "lastEmailOpenedAt", "lastEmailClickedAt", "sentAt", "goals", "repliesCheckedAt");
    static final boolean DIRECT = fieldsOf(SimulationSession.class).equals(SESSION_FIELDS)
            && fieldsOf(ContactState.class).equals(CONTACT_FIELDS);

    private SessionCopier() {
    }

    static SimulationSession copy(SimulationSession s) {
        if (!DIRECT) return s.copy();
        SimulationSession c = new SimulationSession();
        c.workflowId = s.workflowId;
        c.personaId = s.personaId;
        c.persona = s.persona;
        c.seed = s.seed;
        c.walk = s.walk;
        c.stepId = s.stepId;
        c.stepIndex = s.stepIndex;
        c.clock = s.clock;
        c.startedAt = s.startedAt;
        c.timezone = s.timezone;
        c.endReason = s.endReason;
        c.contact = copy(s.contact);
        c.transcript = new ArrayList<>(s.transcript);
        c.visits = new TreeMap<>(s.visits);
        c.likelyToConvert = s.likelyToConvert;
        c.usage = s.usage;
        return c;
    }

    private static ContactState copy(ContactState s) {
        ContactState c = new ContactState();
        c.fields = new TreeMap<>(s.fields);
        c.tags = new TreeSet<>(s.tags);
        c.smsOptedOutAt = s.smsOptedOutAt;
        c.emailUnsubscribedAt = s.emailUnsubscribedAt;
        c.replies = new ArrayList<>(s.replies);
        c.lastEmailOpenedAt = s.lastEmailOpenedAt;
        c.lastEmailClickedAt = s.lastEmailClickedAt;
        c.sentAt = new ArrayList<>(s.sentAt);
        c.goals = new TreeSet<>(s.goals);
        c.repliesCheckedAt = s.repliesCheckedAt;
        return c;
    }

    private static Set<String> fieldsOf(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).collect(Collectors.toSet());
    }
}
