package dev.rehearsal.importers.twilio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which widgets only the trigger's other entries reach (an incoming call's path in a flow that also
 * handles messages). Turning them into steps would leave orphan steps the report calls unreachable,
 * which they are not in Studio; they are reported as unsupported instead.
 */
final class StudioReach {
    private static final Set<String> MESSAGING = Set.of("incomingMessage", "incomingConversationMessage", "incomingRequest");

    private StudioReach() {
    }

    static Set<String> onlyFromOtherEntries(JsonNode root) {
        Map<String, JsonNode> byName = new HashMap<>();
        JsonNode trigger = null;
        for (JsonNode s : root.get("states")) {
            byName.put(s.get("name").asText(), s);
            if (s.get("name").asText().equals(root.path("initial_state").asText()) && s.path("type").asText().equals("trigger")) trigger = s;
        }
        if (trigger == null) return Set.of();
        Set<String> messaging = new HashSet<>(), other = new HashSet<>();
        for (JsonNode t : trigger.get("transitions")) {
            String next = t.path("next").asText("");
            if (next.isEmpty()) continue;
            reach(next, byName, MESSAGING.contains(t.path("event").asText()) ? messaging : other);
        }
        other.removeAll(messaging);
        return other;
    }

    private static void reach(String from, Map<String, JsonNode> byName, Set<String> seen) {
        Deque<String> work = new ArrayDeque<>();
        work.add(from);
        while (!work.isEmpty()) {
            String n = work.poll();
            if (!byName.containsKey(n) || !seen.add(n)) continue;
            for (JsonNode t : byName.get(n).path("transitions")) {
                String next = t.path("next").asText("");
                if (!next.isEmpty()) work.add(next);
            }
        }
    }
}
