package dev.rehearsal.importers.twilio;

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
 * One conversion of a checked Studio flow: each widget becomes one or two steps (same id as the
 * widget's name where it can), each transition an edge, and a transition Studio leaves unconnected
 * (which ends the execution there) an edge to one shared end step. Every widget and transition gets
 * a {@link Mapping}.
 */
final class StudioConversion {
    static final String OTHER_VALUE = "(another value)";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> OPERATORS = Set.of("equal_to", "not_equal_to", "matches_any_of",
            "does_not_match_any_of", "contains", "does_not_contain", "starts_with", "does_not_start_with", "regex",
            "is_blank", "is_not_blank", "less_than", "greater_than");

    private final JsonNode root;
    private final ImportOptions options;
    private final Sources src;
    private final StudioTemplates templates = new StudioTemplates();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Set<String> usedIds = new HashSet<>();
    private final List<ObjectNode> steps = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();
    private final Map<String, String> stepSources = new LinkedHashMap<>();
    /** External-call steps by widget name, to give them outputs once every template is read. */
    private final Map<String, ObjectNode> calls = new LinkedHashMap<>();
    private final String endId;
    /** Widgets only a non-messaging entry (an incoming call) reaches: reported, not turned into steps. */
    private final Set<String> voiceOnly;
    private boolean endUsed;
    private String start;
    private ObjectNode trigger;

    StudioConversion(JsonNode root, ImportOptions options, Sources src) {
        this.root = root;
        this.options = options;
        this.src = src;
        for (JsonNode s : root.get("states")) ids.put(s.get("name").asText(), unique(FieldNames.stepId(s.get("name").asText())));
        this.endId = unique("flow_end");
        this.voiceOnly = StudioReach.onlyFromOtherEntries(root);
    }

    Importer.Converted run() {
        JsonNode states = root.get("states");
        for (int i = 0; i < states.size(); i++) widget(i, states.get(i));
        if (start == null) start = ids.get(root.get("initial_state").asText());
        if (endUsed) {
            ObjectNode end = step(endId, "end", "Flow ends (a transition with no widget connected)");
            end.remove("config");
        }
        attachOutputs();
        envelope();
        return new Importer.Converted(workflow(), mappings, stepSources);
    }

    // ---- widgets

    private void widget(int i, JsonNode st) {
        String at = "/states/" + i;
        String type = st.get("type").asText();
        String name = st.get("name").asText();
        String id = ids.get(name);
        JsonNode p = st.path("properties");
        if (voiceOnly.contains(name)) {
            map(at, describe(st), Outcome.UNSUPPORTED, List.of(), "reached only from the trigger's call entry, which is not simulated");
            transitions(at, st, (event, next, tAt) -> {
                map(tAt, "transition " + event, Outcome.UNSUPPORTED, List.of(), "on the call path, not simulated");
                return null;
            });
            return;
        }
        switch (type) {
            case "trigger" -> trigger(at, st);
            case "send-message" -> sendMessage(at, st, id, p);
            case "send-and-wait-for-reply" -> sendAndWait(at, st, id, p);
            case "split-based-on" -> split(at, st, id, p);
            case "set-variables" -> setVariables(at, st, id, p);
            case "make-http-request" -> externalCall(at, st, id, p, "http_request", "failed");
            case "run-function" -> externalCall(at, st, id, p, "function", "fail");
            default -> placeholder(at, st, id, type);
        }
    }

    private void sendMessage(String at, JsonNode st, String id, JsonNode p) {
        ObjectNode s = step(id, "send_sms", st.get("name").asText());
        s.set("config", F.objectNode().put("body", body(p)));
        String note = recipientNote(p);
        map(at, describe(st), note == null ? Outcome.MAPPED : Outcome.APPROXIMATED, List.of(id), note);
        transitions(at, st, (event, next, tAt) -> switch (event) {
            case "sent" -> edge(s, "next", next, tAt, event, null);
            case "failed" -> deliveryFailure(s, next, tAt, event);
            default -> unknownEvent(tAt, event);
        });
        if (!s.has("next")) s.put("next", end());
        if (!s.has("on_failure")) s.put("on_failure", end());
    }

    private void sendAndWait(String at, JsonNode st, String id, JsonNode p) {
        String waitId = unique(id + "__wait");
        ObjectNode send = step(id, "send_sms", st.get("name").asText());
        send.set("config", F.objectNode().put("body", body(p)));
        send.put("next", waitId);
        ObjectNode wait = step(waitId, "wait_for_reply", st.get("name").asText() + " (waiting for the reply)");
        wait.set("config", F.objectNode().put("timeout", timeout(p.path("timeout")))
                .put("save_reply_to", StudioTemplates.replyField(st.get("name").asText())));
        stepSources.put(waitId, at);
        String note = recipientNote(p);
        map(at, describe(st), note == null ? Outcome.MAPPED : Outcome.APPROXIMATED, List.of(id, waitId),
                "the reply is saved in contact." + StudioTemplates.replyField(st.get("name").asText())
                        + (note == null ? "" : "; " + note));
        transitions(at, st, (event, next, tAt) -> switch (event) {
            case "incomingMessage" -> edge(wait, "on_reply", next, tAt, event, null);
            case "timeout" -> edge(wait, "on_timeout", next, tAt, event, null);
            case "deliveryFailure" -> deliveryFailure(send, next, tAt, event);
            default -> unknownEvent(tAt, event);
        });
        if (!send.has("on_failure")) send.put("on_failure", end());
        if (!wait.has("on_reply")) wait.put("on_reply", end());
        if (!wait.has("on_timeout")) wait.put("on_timeout", end());
    }

    private void split(String at, JsonNode st, String id, JsonNode p) {
        ObjectNode s = step(id, "condition", st.get("name").asText());
        s.remove("config");
        ArrayNode branches = s.putArray("branches");
        map(at, describe(st), Outcome.MAPPED, List.of(id), "conditions compare as Studio does: trimmed, not case-sensitive");
        transitions(at, st, (event, next, tAt) -> {
            switch (event) {
                case "match" -> branch(branches, p, next, tAt);
                case "noMatch" -> edge(s, "default", next, tAt, event, null);
                default -> unknownEvent(tAt, event);
            }
            return null;
        });
        if (!s.has("default")) s.put("default", end());
    }

    private void branch(ArrayNode branches, JsonNode p, String next, String tAt) {
        JsonNode t = root.at(tAt);
        List<ObjectNode> tests = new ArrayList<>();
        String label = null;
        JsonNode conds = t.path("conditions");
        for (int k = 0; k < conds.size(); k++) {
            JsonNode c = conds.get(k);
            String op = c.path("type").asText();
            if (label == null && c.hasNonNull("friendly_name")) label = c.get("friendly_name").asText();
            if (!OPERATORS.contains(op)) {
                map(tAt, "transition match" + (label == null ? "" : " '" + label + "'"), Outcome.UNSUPPORTED, List.of(),
                        "never taken: one of its conditions cannot be simulated");
                map(tAt + "/conditions/" + k, "condition '" + op + "'", Outcome.UNSUPPORTED, List.of(),
                        "operator '" + op + "' is not simulated");
                return;
            }
            String arg = c.path("arguments").path(0).asText(p.path("input").asText(""));
            String value = c.hasNonNull("value") ? c.get("value").asText() : null;
            ObjectNode text = F.objectNode().put("input", templates.translate(arg)).put("operator", op);
            if (value != null && !op.startsWith("is_")) text.put("value", templates.translate(value));
            tests.add(F.objectNode().set("text", text));
            record(arg, op, value);
        }
        if (tests.isEmpty()) {
            map(tAt, "transition match", Outcome.UNSUPPORTED, List.of(), "a match transition without conditions never matches");
            return;
        }
        ObjectNode b = branches.addObject();
        if (label != null) b.put("label", label);
        b.set("when", tests.size() == 1 ? tests.get(0) : F.objectNode().set("all", F.arrayNode().addAll(tests)));
        b.put("next", target(next));
        map(tAt, "transition match" + (label == null ? "" : " '" + label + "'"), Outcome.MAPPED, List.of(),
                tests.size() > 1 ? "all of its conditions must hold" : null);
    }

    /** The values splits compare a variable with become what a simulated input or output can be. */
    private void record(String arg, String op, String value) {
        templates.translate(arg); // registers the variable before its values are recorded
        String field = templates.fieldOf(arg);
        switch (op) {
            case "equal_to" -> templates.compared(field, value == null ? "" : value.trim());
            case "matches_any_of" -> {
                for (String v : (value == null ? "" : value).split(",")) templates.compared(field, v.trim());
            }
            case "is_blank" -> templates.compared(field, "");
            default -> { }
        }
    }

    private void setVariables(String at, JsonNode st, String id, JsonNode p) {
        ObjectNode fields = F.objectNode();
        boolean liquid = false;
        for (JsonNode v : p.path("variables")) {
            String value = v.path("value").asText("");
            liquid |= value.contains("{%");
            fields.put(StudioTemplates.variableField(v.path("key").asText()), templates.translate(value));
        }
        if (fields.isEmpty()) {
            placeholder(at, st, id, "set-variables (empty)");
            return;
        }
        ObjectNode s = step(id, "update_contact", st.get("name").asText());
        s.set("config", F.objectNode().set("fields", fields));
        map(at, describe(st), liquid ? Outcome.APPROXIMATED : Outcome.MAPPED, List.of(id),
                liquid ? "Liquid tags ({% ... %}) are kept as text, not evaluated" : "flow.variables become contact fields");
        nextOnly(at, st, s, "next");
    }

    private void externalCall(String at, JsonNode st, String id, JsonNode p, String kind, String failEvent) {
        ObjectNode s = step(id, "external_call", st.get("name").asText());
        ObjectNode config = F.objectNode().put("kind", kind);
        if (p.hasNonNull("url")) config.put("url", p.get("url").asText());
        if (p.hasNonNull("method")) config.put("method", p.get("method").asText());
        s.set("config", config);
        calls.put(st.get("name").asText(), s);
        map(at, describe(st), Outcome.APPROXIMATED, List.of(id),
                "not called: success or failure is drawn (settings.external_call_success_rate, default 0.95) and what it "
                        + "returns is drawn from the values the flow compares it with");
        transitions(at, st, (event, next, tAt) -> {
            if (event.equals("success")) return edge(s, "next", next, tAt, event, null);
            if (event.equals(failEvent)) return edge(s, "on_failure", next, tAt, event, null);
            return unknownEvent(tAt, event);
        });
        if (!s.has("next")) s.put("next", end());
        if (!s.has("on_failure")) s.put("on_failure", end());
    }

    private void placeholder(String at, JsonNode st, String id, String type) {
        ObjectNode s = step(id, "placeholder", st.get("name").asText());
        s.set("config", F.objectNode().put("source_type", "twilio-studio " + type).put("source_pointer", at)
                .put("reason", StudioUnsupported.reason(type)));
        map(at, describe(st), Outcome.UNSUPPORTED, List.of(id), StudioUnsupported.reason(type)
                + "; a placeholder step passes the walk through");
        transitions(at, st, (event, next, tAt) -> {
            if (!s.has("next") && next != null) return edge(s, "next", next, tAt, event, "the placeholder continues along '" + event + "'");
            map(tAt, "transition " + event, Outcome.UNSUPPORTED, List.of(), "never taken: the placeholder continues along one exit only");
            return null;
        });
        if (!s.has("next")) s.put("next", end());
    }

    private void trigger(String at, JsonNode st) {
        String message = null, request = null, conversation = null;
        JsonNode ts = st.get("transitions");
        for (JsonNode t : ts) {
            String next = next(t);
            if (next == null) continue;
            switch (t.get("event").asText()) {
                case "incomingMessage" -> message = next;
                case "incomingConversationMessage" -> conversation = next;
                case "incomingRequest" -> request = next;
                default -> { }
            }
        }
        String inbound = message != null ? message : conversation;
        String entry = inbound != null ? inbound : request;
        if (entry == null) {
            src.problem(at + "/transitions", "no_messaging_entry", "the trigger starts no messaging path (only incomingMessage, "
                    + "incomingConversationMessage and incomingRequest are imported): there is nothing to rehearse");
            return;
        }
        start = ids.get(entry);
        if (inbound != null) {
            trigger = F.objectNode().put("type", "inbound").put("channel", "sms");
            if (options.openingMessage() != null) trigger.put("opening_message", options.openingMessage());
            else trigger.put("prompt", options.prompt() != null ? options.prompt() : defaultPrompt());
            map(at, describe(st), Outcome.APPROXIMATED, List.of(),
                    "the lead writes first: " + (options.openingMessage() != null ? "\"" + options.openingMessage() + "\""
                            : "each persona writes its opening message in answer to the trigger's prompt") + ", saved in contact.opening_message");
        } else {
            map(at, describe(st), Outcome.APPROXIMATED, List.of(),
                    "started by a REST API call: the walk starts at '" + entry + "'; the caller's flow.data fields become declared inputs");
        }
        for (int j = 0; j < ts.size(); j++) {
            JsonNode t = ts.get(j);
            String event = t.get("event").asText();
            String next = next(t);
            String tAt = at + "/transitions/" + j;
            if (next == null) map(tAt, "transition " + event, Outcome.MAPPED, List.of(), "connected to nothing: this trigger does not start the flow");
            else if (next.equals(entry) && (event.equals("incomingMessage") || event.equals("incomingConversationMessage")
                    || event.equals("incomingRequest"))) map(tAt, "transition " + event, Outcome.MAPPED, List.of(ids.get(next)), null);
            else map(tAt, "transition " + event, Outcome.UNSUPPORTED, List.of(),
                    event.equals("incomingCall") ? "voice calls are not simulated" : "a workflow has one entry; the walk enters by '" + entryEvent(inbound, message) + "'");
        }
    }

    private static String entryEvent(String inbound, String message) {
        return inbound == null ? "incomingRequest" : message != null ? "incomingMessage" : "incomingConversationMessage";
    }

    private String defaultPrompt() {
        String d = root.path("description").asText("");
        return "You can text this number" + (d.isBlank() ? "" : " (" + d.trim() + ")") + ". Write your first message.";
    }

    // ---- transitions

    @FunctionalInterface
    private interface TransitionHandler {
        Void handle(String event, String next, String pointer);
    }

    private void transitions(String at, JsonNode st, TransitionHandler h) {
        JsonNode ts = st.get("transitions");
        for (int j = 0; j < ts.size(); j++) h.handle(ts.get(j).get("event").asText(), next(ts.get(j)), at + "/transitions/" + j);
    }

    private void nextOnly(String at, JsonNode st, ObjectNode s, String event) {
        transitions(at, st, (e, next, tAt) -> e.equals(event) ? edge(s, "next", next, tAt, e, null) : unknownEvent(tAt, e));
        if (!s.has("next")) s.put("next", end());
    }

    private Void edge(ObjectNode step, String field, String next, String tAt, String event, String note) {
        step.put(field, target(next));
        map(tAt, "transition " + event, Outcome.MAPPED, List.of(), note != null ? note
                : next == null ? "connected to nothing: the flow ends here (" + endId + ")" : null);
        return null;
    }

    /** The one delivery failure simulated: Twilio refusing to text a number that sent STOP (error 21610). */
    private Void deliveryFailure(ObjectNode send, String next, String tAt, String event) {
        send.put("on_failure", target(next));
        map(tAt, "transition " + event, Outcome.APPROXIMATED, List.of(), "taken only when the contact has texted STOP "
                + "(Twilio refuses to deliver, error 21610); other delivery failures are not simulated"
                + (next == null ? "; connected to nothing: the flow ends here (" + endId + ")" : ""));
        return null;
    }

    private Void unknownEvent(String tAt, String event) {
        map(tAt, "transition " + event, Outcome.UNSUPPORTED, List.of(), "event '" + event + "' is not one this widget raises in the simulation");
        return null;
    }

    private static String next(JsonNode t) {
        JsonNode n = t.get("next");
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private String target(String next) {
        return next == null ? end() : ids.get(next);
    }

    private String end() {
        endUsed = true;
        return endId;
    }

    // ---- pieces

    private String body(JsonNode p) {
        String b = templates.translate(p.path("body").asText(""));
        return b.isBlank() ? "[message with no text]" : b;
    }

    private static String recipientNote(JsonNode p) {
        String to = p.path("to").asText("{{contact.channel.address}}");
        String note = to.equals("{{contact.channel.address}}") ? null : "sent to " + to + " in Studio; the simulation sends it to the contact";
        if (p.hasNonNull("media_url") && !p.get("media_url").asText().isBlank()) {
            note = (note == null ? "" : note + "; ") + "the media attachment is not simulated";
        }
        return note;
    }

    /** Studio's timeout is seconds (string or number); Twilio's default is one hour. */
    private static String timeout(JsonNode t) {
        long seconds = 3600;
        try {
            if (t.isNumber() || t.isTextual() && !t.asText().isBlank()) seconds = Long.parseLong(t.asText().trim());
        } catch (NumberFormatException ignored) {
            // a Liquid expression: keep the default
        }
        seconds = Math.max(1, seconds);
        return seconds % 86400 == 0 ? seconds / 86400 + "d" : seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String describe(JsonNode st) {
        return st.get("type").asText() + " '" + st.get("name").asText() + "'";
    }

    private ObjectNode step(String id, String type, String name) {
        ObjectNode s = F.objectNode().put("id", id).put("type", type).put("name", name);
        s.putObject("config");
        steps.add(s);
        return s;
    }

    private void map(String pointer, String element, Outcome outcome, List<String> stepIds, String note) {
        mappings.add(new Mapping(pointer, element, outcome, stepIds, note));
        for (String s : stepIds) stepSources.putIfAbsent(s, pointer);
    }

    private String unique(String base) {
        String id = base;
        for (int n = 2; !usedIds.add(id); n++) id = base + "_" + n;
        return id;
    }

    /** Each call gets the fields later widgets read from it; fields of widgets that are not calls become inputs. */
    private void attachOutputs() {
        templates.outputs.forEach((widget, fields) -> {
            ObjectNode call = calls.get(widget);
            for (String f : fields) {
                ObjectNode spec = valueSpec(f, templates.outputValues.get(f));
                if (call != null) ((ObjectNode) call.get("config")).with("outputs").set(f, spec);
                else templates.inputs.putIfAbsent(f, templates.outputValues.get(f));
            }
        });
    }

    private static ObjectNode valueSpec(String field, Set<String> tested) {
        ObjectNode spec = F.objectNode();
        if (tested != null && !tested.isEmpty()) {
            ArrayNode values = spec.putArray("values");
            tested.forEach(values::add);
            values.add(OTHER_VALUE);
        } else {
            spec.put("example", "(" + field.replace('_', ' ').trim() + ")");
        }
        return spec;
    }

    private void envelope() {
        String description = root.path("description").asText("");
        map("/description", "description", Outcome.MAPPED, List.of(), description.isBlank() ? "empty: the workflow is named after its id" : "the workflow's name");
        if (root.has("flags")) {
            map("/flags", "flags", Outcome.UNSUPPORTED, List.of(), "execution flags (allow_concurrent_calls) concern live traffic, not one contact's walk");
        }
        map("/initial_state", "initial_state", Outcome.MAPPED, List.of(), "the walk starts at '" + start + "'");
        if (options.category() == null) {
            map("", "category", Outcome.APPROXIMATED, List.of(), "Studio does not say whether a flow is marketing; imported as "
                    + "marketing (the stricter rules). Pass --category transactional for reminders and notifications");
        }
        for (String u : templates.unknown) {
            map("", "variable " + u, Outcome.UNSUPPORTED, List.of(), "nothing in the simulation fills it; kept as written");
        }
    }

    private ObjectNode workflow() {
        ObjectNode w = F.objectNode();
        w.put("id", options.workflowId());
        String description = root.path("description").asText("").trim();
        w.put("name", description.isEmpty() ? options.workflowId() : description.length() > 200 ? description.substring(0, 200) : description);
        w.put("description", "Imported from a Twilio Studio flow definition.");
        w.put("start", start);
        if (trigger != null) w.set("trigger", trigger);
        if (!templates.inputs.isEmpty()) {
            ObjectNode inputs = w.putObject("inputs");
            templates.inputs.forEach((f, tested) -> {
                ObjectNode spec = valueSpec(f, tested);
                spec.put("description", "supplied by whoever starts the flow (Studio flow.data or an unsimulated widget)");
                inputs.set(f, spec);
            });
        }
        ObjectNode settings = w.putObject("settings").put("sender_blocks_opted_out", true);
        if (options.category() != null) settings.put("category", options.category());
        ArrayNode arr = w.putArray("steps");
        steps.forEach(arr::add);
        return w;
    }
}
