package dev.rehearsal.importers.mautic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.importers.Sources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The campaign's events, read from either shape Mautic produces: the Mautic 7 export
 * ({@code campaign_event[]} with snake_case fields and {@code parent_id}) or the REST API's campaign
 * ({@code campaign.events} as an array or an object keyed by id, camelCase fields, {@code parent}
 * as an object). Checked here: every event has an id, a type and an event type, and every parent
 * and jump target exists.
 */
final class MauticEvents {
    static final Set<String> KINDS = Set.of("action", "decision", "condition");

    /** One event with the source pointer it came from. */
    record Event(String pointer, JsonNode node) {
        String id() {
            return node.path("id").asText();
        }

        String name() {
            return node.path("name").asText("event " + id());
        }

        String type() {
            return node.path("type").asText();
        }

        String kind() {
            return text("event_type", "eventType");
        }

        int order() {
            return node.has("event_order") ? node.get("event_order").asInt() : node.path("order").asInt();
        }

        String parentId() {
            JsonNode p = node.has("parent_id") ? node.get("parent_id") : node.get("parent");
            if (p == null || p.isNull()) return null;
            if (p.isObject()) p = p.get("id");
            return p == null || p.isNull() || p.asText().isEmpty() ? null : p.asText();
        }

        String decisionPath() {
            JsonNode d = node.get("decisionPath");
            return d == null || d.isNull() || d.asText().isEmpty() ? null : d.asText();
        }

        JsonNode properties() {
            return node.path("properties");
        }

        String text(String snake, String camel) {
            JsonNode v = node.has(snake) ? node.get(snake) : node.get(camel);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    final String name;
    final List<Event> events = new ArrayList<>();
    final Map<String, Event> byId = new LinkedHashMap<>();
    /** Email and SMS entities of the export, by id (content for sends), when present. */
    final Map<String, JsonNode> emails = new LinkedHashMap<>();
    final Map<String, JsonNode> sms = new LinkedHashMap<>();

    private MauticEvents(String name) {
        this.name = name;
    }

    static MauticEvents read(JsonNode root, Sources src) {
        if (!root.isObject()) {
            src.problem("", "invalid_export", "a Mautic campaign export is a JSON object");
            return null;
        }
        JsonNode campaign = root.path("campaign");
        String name = campaign.isArray() ? campaign.path(0).path("name").asText("") : campaign.path("name").asText("");
        MauticEvents out = new MauticEvents(name);
        if (root.has("campaign_event")) {
            JsonNode list = root.get("campaign_event");
            if (!list.isArray() || list.isEmpty()) src.problem("/campaign_event", "invalid_export", "campaign_event must be a non-empty array");
            else for (int i = 0; i < list.size(); i++) out.add(new Event("/campaign_event/" + i, list.get(i)), src);
        } else {
            JsonNode events = campaign.path("events");
            if (events.isArray() && !events.isEmpty()) {
                for (int i = 0; i < events.size(); i++) out.add(new Event("/campaign/events/" + i, events.get(i)), src);
            } else if (events.isObject() && !events.isEmpty()) {
                events.fields().forEachRemaining(e -> out.add(new Event("/campaign/events/" + e.getKey(), e.getValue()), src));
            } else {
                src.problem("/campaign/events", "invalid_export", "the campaign has no events");
            }
        }
        for (String kind : List.of("email", "sms")) {
            for (JsonNode e : root.path(kind)) (kind.equals("email") ? out.emails : out.sms).put(e.path("id").asText(), e);
        }
        out.links(src);
        return out;
    }

    private void add(Event e, Sources src) {
        if (!e.node().isObject()) {
            src.problem(e.pointer(), "invalid_event", "each event must be an object");
            return;
        }
        if (!e.node().has("id") || e.id().isEmpty()) src.problem(e.pointer() + "/id", "invalid_event", "the event has no id");
        if (e.type().isEmpty()) src.problem(e.pointer() + "/type", "invalid_event", "the event has no type (e.g. email.send)");
        if (e.kind() == null || !KINDS.contains(e.kind())) {
            src.problem(e.pointer() + (e.node().has("eventType") ? "/eventType" : "/event_type"), "invalid_event",
                    "event_type must be action, decision or condition (got " + e.kind() + ")");
        }
        String dp = e.decisionPath();
        if (dp != null && !dp.equals("yes") && !dp.equals("no")) {
            src.problem(e.pointer() + "/decisionPath", "invalid_event", "decisionPath must be yes, no or null");
        }
        if (byId.putIfAbsent(e.id(), e) != null) src.problem(e.pointer() + "/id", "duplicate_event", "event id " + e.id() + " is used twice");
        events.add(e);
    }

    private void links(Sources src) {
        for (Event e : events) {
            String p = e.parentId();
            if (p != null && !byId.containsKey(p)) {
                src.problem(e.pointer() + (e.node().has("parent_id") ? "/parent_id" : "/parent"), "dangling_parent",
                        "parent event " + p + " is not in the campaign");
            }
            if (e.type().equals("campaign.jump_to_event")) {
                String target = e.properties().path("jumpToEvent").asText("");
                if (!byId.containsKey(target)) {
                    src.problem(e.pointer() + "/properties/jumpToEvent", "dangling_jump", "jump to event " + target + ", which is not in the campaign");
                }
            }
        }
    }

    /** Children of an event (or the roots for null), in Mautic's order. */
    List<Event> children(String parentId, String path) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (java.util.Objects.equals(e.parentId(), parentId) && (path == null || path.equals(e.decisionPath()))) out.add(e);
        }
        out.sort(java.util.Comparator.comparingInt(Event::order));
        return out;
    }
}
