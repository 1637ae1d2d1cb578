package dev.rehearsal.importers.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.importers.FieldNames;
import dev.rehearsal.importers.ImportOptions;
import dev.rehearsal.importers.Importer;
import dev.rehearsal.importers.Mapping;
import dev.rehearsal.importers.Mapping.Outcome;
import dev.rehearsal.importers.Sources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Klaviyo flow as a walk: each action one step (same id), each link an edge, a missing link an
 * edge to one end step. Profile-property splits become text conditions; splits on what the
 * simulation cannot know (metrics, trigger properties) become choice points each walk draws.
 */
final class KlaviyoConversion {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, String> OPERATORS = Map.of("equals", "equal_to", "not-equals", "not_equal_to",
            "contains", "contains", "not-contains", "does_not_contain", "starts-with", "starts_with",
            "is-set", "is_not_blank", "is-not-set", "is_blank", "greater-than", "greater_than", "less-than", "less_than");
    private static final Map<String, String> DAYS = Map.of("monday", "mon", "tuesday", "tue", "wednesday", "wed",
            "thursday", "thu", "friday", "fri", "saturday", "sat", "sunday", "sun");

    private final JsonNode def;
    private final String base;
    private final String name;
    private final ImportOptions options;
    private final Sources src;
    private final KlaviyoTemplates templates = new KlaviyoTemplates();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<ObjectNode> steps = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();
    private final Map<String, String> stepSources = new LinkedHashMap<>();
    private final ObjectNode inputs = F.objectNode();
    private String endId;
    private boolean endUsed;

    KlaviyoConversion(JsonNode def, String base, String name, ImportOptions options, Sources src) {
        this.def = def;
        this.base = base;
        this.name = name;
        this.options = options;
        this.src = src;
    }

    /** Every problem with the definition's structure, located. */
    void check() {
        JsonNode actions = def.path("actions");
        if (!def.isObject() || !actions.isArray() || actions.isEmpty()) {
            src.problem(base + "/actions", "invalid_export", "a Klaviyo flow definition has a non-empty actions array");
            return;
        }
        for (int i = 0; i < actions.size(); i++) {
            JsonNode a = actions.get(i);
            String at = base + "/actions/" + i;
            String id = key(a);
            if (id == null) src.problem(at + "/id", "invalid_action", "the action has no id (or temporary_id)");
            else if (ids.putIfAbsent(id, null) != null) src.problem(at + "/id", "duplicate_action", "action id " + id + " is used twice");
            if (!a.path("type").isTextual()) src.problem(at + "/type", "invalid_action", "the action has no type");
        }
        for (int i = 0; i < actions.size(); i++) {
            JsonNode links = actions.get(i).path("links");
            for (String l : List.of("next", "next_if_true", "next_if_false")) {
                String t = links.path(l).asText("");
                if (!t.isEmpty() && !links.get(l).isNull() && !ids.containsKey(t)) {
                    src.problem(base + "/actions/" + i + "/links/" + l, "dangling_link", "link to action " + t + ", which is not in the flow");
                }
            }
        }
        String entry = def.path("entry_action_id").asText("");
        if (!ids.containsKey(entry)) src.problem(base + "/entry_action_id", "dangling_link", "entry_action_id '" + entry + "' is not an action");
    }

    Importer.Converted run() {
        for (String id : new ArrayList<>(ids.keySet())) ids.put(id, unique(FieldNames.stepId(id)));
        endId = unique("flow_end");
        JsonNode actions = def.get("actions");
        for (int i = 0; i < actions.size(); i++) action(base + "/actions/" + i, actions.get(i));
        if (endUsed) steps.add(F.objectNode().put("id", endId).put("type", "end").put("name", "Flow ends"));
        mappings.add(new Mapping(base + "/entry_action_id", "entry_action_id", Outcome.MAPPED, List.of(), null));
        if (def.has("triggers")) mappings.add(new Mapping(base + "/triggers", "triggers", Outcome.APPROXIMATED, List.of(),
                "each persona enters as if the trigger (list, segment, metric, date) had fired"));
        if (def.has("profile_filter") && !def.get("profile_filter").isNull()) mappings.add(new Mapping(base + "/profile_filter",
                "flow filter", Outcome.UNSUPPORTED, List.of(), "not applied: every persona enters"));
        for (String u : templates.unknown) mappings.add(new Mapping("", "variable " + u, Outcome.UNSUPPORTED, List.of(), "kept as written"));
        ObjectNode w = F.objectNode().put("id", options.workflowId()).put("name", name.isBlank() ? options.workflowId() : name)
                .put("description", "Imported from a Klaviyo flow definition.").put("start", ids.get(def.get("entry_action_id").asText()));
        if (!inputs.isEmpty()) w.set("inputs", inputs);
        if (options.category() != null) w.putObject("settings").put("category", options.category());
        ArrayNode arr = w.putArray("steps");
        steps.forEach(arr::add);
        return new Importer.Converted(w, mappings, stepSources);
    }

    private void action(String at, JsonNode a) {
        String id = ids.get(key(a));
        String type = a.get("type").asText();
        JsonNode d = a.path("data");
        JsonNode msg = d.path("message");
        String next = target(a.path("links").path("next"));
        String describe = type + " '" + key(a) + "'";
        switch (type) {
            case "send-email" -> {
                String template = msg.path("template_id").asText("?");
                String body = msg.hasNonNull("body") ? templates.translate(msg.get("body").asText())
                        : "(email template " + template + " is not in the flow definition) Unsubscribe: {{account.unsubscribe_url}} {{account.postal_address}}";
                step(id, "send_email", at).put("next", next).set("config", F.objectNode()
                        .put("subject", templates.translate(msg.path("subject_line").asText("(no subject)"))).put("body", body));
                map(at, describe, Outcome.APPROXIMATED, id, msg.hasNonNull("body") ? "sent as written"
                        : "the template's content is not in the definition: a stand-in body is sent, with the unsubscribe link and address Klaviyo adds to every email");
            }
            case "send-sms" -> {
                step(id, "send_sms", at).put("next", next).set("config", F.objectNode().put("body", templates.translate(msg.path("body").asText("(empty SMS)"))));
                map(at, describe, Outcome.MAPPED, id, null);
            }
            case "time-delay" -> delay(at, describe, id, d, next);
            case "conditional-split", "trigger-split" -> split(at, describe, id, type, d, a.path("links"));
            case "update-profile" -> {
                ObjectNode fields = F.objectNode();
                for (JsonNode op : d.path("profile_operations")) {
                    if (op.hasNonNull("property") && op.has("value")) fields.put(FieldNames.field(op.get("property").asText()), op.get("value").asText());
                }
                if (fields.isEmpty()) placeholder(at, describe, id, type, next, "no property and value to set were found in its data");
                else {
                    step(id, "update_contact", at).put("next", next).set("config", F.objectNode().set("fields", fields));
                    map(at, describe, Outcome.MAPPED, id, "profile properties become contact fields");
                }
            }
            case "list-update" -> {
                String list = d.path("list_id").asText("?");
                boolean remove = d.path("operation").asText("add").startsWith("remove");
                step(id, remove ? "remove_tag" : "add_tag", at).put("next", next).set("config", F.objectNode().put("tag", "list:" + list));
                map(at, describe, Outcome.APPROXIMATED, id, "list membership is simulated as the tag 'list:" + list + "'");
            }
            case "send-internal-alert" -> {
                step(id, "notify_team", at).put("next", next).set("config", F.objectNode()
                        .put("message", templates.translate(msg.path("subject_line").asText("Internal alert from the flow"))));
                map(at, describe, Outcome.MAPPED, id, null);
            }
            case "send-webhook" -> {
                ObjectNode c = F.objectNode().put("kind", "webhook");
                if (d.hasNonNull("url")) c.put("url", d.get("url").asText());
                step(id, "external_call", at).put("next", next).put("on_failure", next).set("config", c);
                map(at, describe, Outcome.APPROXIMATED, id, "not called; the flow goes on either way, so both exits lead on");
            }
            default -> placeholder(at, describe, id, type, next, "Klaviyo action '" + type + "' is not simulated");
        }
    }

    private void delay(String at, String describe, String id, JsonNode d, String next) {
        ObjectNode c = F.objectNode();
        int v = d.path("value").asInt(0);
        String unit = d.path("unit").asText("days");
        if (v > 0) c.put("duration", switch (unit) {
            case "minutes" -> v + "m";
            case "hours" -> v + "h";
            case "weeks" -> v * 7 + "d";
            default -> v + "d";
        });
        String time = d.path("delay_until_time").asText("");
        ObjectNode window = F.objectNode();
        if (time.matches("([01][0-9]|2[0-3]):[0-5][0-9].*")) {
            String t = time.substring(0, 5);
            window.put("start", t).put("end", java.time.LocalTime.parse(t).plusHours(1).toString());
        }
        ArrayNode days = F.arrayNode();
        for (JsonNode day : d.path("delay_until_weekdays")) {
            String w = DAYS.get(day.asText().toLowerCase(java.util.Locale.ROOT));
            if (w != null && !days.toString().contains("\"" + w + "\"")) days.add(w);
        }
        if (!days.isEmpty() && days.size() < 7) window.set("days", days);
        if (!window.isEmpty()) c.set("window", window);
        if (c.isEmpty()) c.put("duration", "0m");
        step(id, "delay", at).put("next", next).set("config", c);
        map(at, describe, window.isEmpty() ? Outcome.MAPPED : Outcome.APPROXIMATED, id, window.isEmpty() ? null
                : "'delay until' a time is held to the hour after it, on the allowed weekdays, in the contact's time zone");
    }

    private void split(String at, String describe, String id, String type, JsonNode d, JsonNode links) {
        String yes = target(links.path("next_if_true"));
        String no = target(links.path("next_if_false"));
        ObjectNode when = type.equals("conditional-split") ? profileFilter(d.path("profile_filter")) : null;
        String note = "groups must all hold, and one condition of each group";
        Outcome outcome = Outcome.MAPPED;
        if (when == null) {
            String field = FieldNames.field(id + "_matches");
            inputs.set(field, F.objectNode().put("description", "whether '" + id + "' (" + type + ") holds: Rehearsal cannot know, so each walk draws it")
                    .set("values", F.arrayNode().add("yes").add("no")));
            when = F.objectNode();
            when.putObject("field").put("name", field).put("equals", "yes");
            note = "a split on data the simulation does not have (metrics, trigger properties): each walk draws it (input " + field + ")";
            outcome = Outcome.APPROXIMATED;
        }
        ObjectNode s = step(id, "condition", at);
        s.remove("config");
        s.putArray("branches").addObject().put("label", "true").put("next", yes).set("when", when);
        s.put("default", no);
        map(at, describe, outcome, id, note);
    }

    /** condition_groups AND, conditions in a group OR; only profile properties can be tested here. */
    private ObjectNode profileFilter(JsonNode filter) {
        ArrayNode all = F.arrayNode();
        for (JsonNode g : filter.path("condition_groups")) {
            ArrayNode any = F.arrayNode();
            for (JsonNode c : g.path("conditions")) {
                if (!c.path("type").asText().equals("profile-property")) return null;
                String op = OPERATORS.get(c.path("filter").path("operator").asText());
                if (op == null) return null;
                String prop = c.path("property").asText();
                String field = switch (prop) {
                    case "phone_number" -> "phone";
                    case "first_name", "last_name", "email" -> prop;
                    default -> FieldNames.field(prop.startsWith("properties['") ? prop.replaceAll("^properties\\['|'\\]$", "") : prop);
                };
                ObjectNode t = F.objectNode().put("input", "{{contact." + field + "}}").put("operator", op);
                JsonNode value = c.path("filter").path("value");
                if (!op.startsWith("is_")) t.put("value", value.isArray() ? value.toString() : value.asText(""));
                any.addObject().set("text", t);
            }
            if (any.isEmpty()) return null;
            all.add(any.size() == 1 ? any.get(0) : F.objectNode().set("any", any));
        }
        if (all.isEmpty()) return null;
        return all.size() == 1 ? (ObjectNode) all.get(0) : F.objectNode().set("all", all);
    }

    private void placeholder(String at, String describe, String id, String type, String next, String reason) {
        step(id, "placeholder", at).put("next", next).set("config", F.objectNode().put("source_type", "klaviyo " + type)
                .put("source_pointer", at).put("reason", reason));
        map(at, describe, Outcome.UNSUPPORTED, id, reason + "; a placeholder passes the walk through");
    }

    private ObjectNode step(String id, String type, String at) {
        ObjectNode s = F.objectNode().put("id", id).put("type", type).put("name", id);
        s.putObject("config");
        steps.add(s);
        stepSources.put(id, at);
        return s;
    }

    private void map(String at, String describe, Outcome o, String id, String note) {
        mappings.add(new Mapping(at, describe, o, List.of(id), note));
    }

    private String target(JsonNode link) {
        if (link == null || link.isNull() || link.isMissingNode() || link.asText().isEmpty()) {
            endUsed = true;
            return endId;
        }
        return ids.get(link.asText());
    }

    private static String key(JsonNode a) {
        JsonNode id = a.hasNonNull("id") ? a.get("id") : a.get("temporary_id");
        return id == null || id.asText().isEmpty() ? null : id.asText();
    }

    private String unique(String b) {
        String id = b;
        for (int n = 2; !used.add(id); n++) id = b + "_" + n;
        return id;
    }
}
