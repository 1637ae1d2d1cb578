package dev.rehearsal.importers.mautic;

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
import dev.rehearsal.importers.mautic.MauticEvents.Event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Mautic campaign tree as a Rehearsal walk. Each event becomes its steps, entered through a delay
 * when it has an interval or restricted hours; an action's children follow it; a decision waits
 * (its "no" children's interval is its timeout) and goes yes or no; a condition tests at once.
 * Siblings that Mautic runs side by side are walked one after another (reported). A branch that
 * ends goes to one explicit end step.
 */
final class MauticConversion {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String NO_TIMEOUT = "30d";
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("=", "equal_to"), Map.entry("!=", "not_equal_to"),
            Map.entry("gt", "greater_than"), Map.entry("lt", "less_than"), Map.entry("empty", "is_blank"),
            Map.entry("!empty", "is_not_blank"), Map.entry("like", "contains"), Map.entry("contains", "contains"),
            Map.entry("!like", "does_not_contain"), Map.entry("startsWith", "starts_with"), Map.entry("regexp", "regex"),
            Map.entry("in", "matches_any_of"), Map.entry("!in", "does_not_match_any_of"));

    private final MauticEvents events;
    private final ImportOptions options;
    private final Sources src;
    private final MauticTemplates templates = new MauticTemplates();
    private final List<ObjectNode> steps = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();
    private final Map<String, String> stepSources = new LinkedHashMap<>();
    private final Map<String, String> baseIds = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final ObjectNode inputs = F.objectNode();
    private final String endId;
    private boolean endUsed;

    MauticConversion(MauticEvents events, ImportOptions options, Sources src) {
        this.events = events;
        this.options = options;
        this.src = src;
        for (Event e : events.events) baseIds.put(e.id(), unique(FieldNames.stepId("e" + e.id() + "-" + slug(e.name()))));
        endId = unique("campaign_end");
    }

    Importer.Converted run() {
        List<Event> roots = events.children(null, null);
        if (roots.isEmpty()) {
            src.problem("", "no_root_event", "no event without a parent: the campaign has nowhere to start");
            return null;
        }
        String start = chain(roots, null, false);
        if (endUsed) steps.add(F.objectNode().put("id", endId).put("type", "end").put("name", "Campaign path ends"));
        ObjectNode w = F.objectNode().put("id", options.workflowId())
                .put("name", events.name.isBlank() ? options.workflowId() : trim(events.name, 200))
                .put("description", "Imported from a Mautic campaign.").put("start", start);
        if (!inputs.isEmpty()) w.set("inputs", inputs);
        if (options.category() != null) w.putObject("settings").put("category", options.category());
        ArrayNode arr = w.putArray("steps");
        steps.forEach(arr::add);
        for (String u : templates.unknown) mappings.add(new Mapping("", "token " + u, Outcome.UNSUPPORTED, List.of(), "kept as written"));
        return new Importer.Converted(w, mappings, stepSources);
    }

    /** Siblings one after another; returns the first one's entry (or the continuation). */
    private String chain(List<Event> siblings, String cont, boolean timeoutChildren) {
        String next = cont;
        for (int i = siblings.size() - 1; i >= 0; i--) next = build(siblings.get(i), next, timeoutChildren, i > 0 ? siblings.get(i - 1) : null);
        return next == null ? end() : next;
    }

    private String build(Event e, String cont, boolean timeoutChild, Event previousSibling) {
        String base = baseIds.get(e.id());
        String after = cont == null ? end() : cont;
        List<String> made = new ArrayList<>();
        String main = switch (e.kind()) {
            case "decision" -> decision(e, base, after, made);
            case "condition" -> condition(e, base, after, made);
            default -> action(e, base, chain(events.children(e.id(), null), after, false), made);
        };
        String entry = main;
        String delayNote = null;
        if (!timeoutChild && !e.kind().equals("decision")) {
            ObjectNode delay = delay(e);
            if (delay != null) {
                entry = unique(base + "__delay");
                steps.add(delay.put("id", entry).put("name", e.name() + " (timing)").put("next", main));
                made.add(0, entry);
                delayNote = describeDelay(delay);
            }
        }
        for (String id : made) stepSources.put(id, e.pointer());
        String note = join(lastNote, delayNote, previousSibling == null ? null
                : "Mautic starts it alongside '" + previousSibling.name() + "'; the walk takes the siblings one after another");
        mappings.add(new Mapping(e.pointer(), e.kind() + " " + e.type() + " '" + e.name() + "'", previousSibling != null
                && lastOutcome == Outcome.MAPPED ? Outcome.APPROXIMATED : lastOutcome, made, note));
        return entry;
    }

    private Outcome lastOutcome;
    private String lastNote;

    private void outcome(Outcome o, String note) {
        lastOutcome = o;
        lastNote = note;
    }

    // ---- actions

    private String action(Event e, String base, String next, List<String> made) {
        JsonNode p = e.properties();
        switch (e.type()) {
            case "email.send" -> {
                JsonNode email = events.emails.get(p.path("email").asText());
                ObjectNode s = step(base, "send_email", e, made);
                String subject = email == null ? null : email.path("subject").asText(null);
                String body = email == null ? null : text(email);
                s.set("config", F.objectNode().put("subject", subject == null || subject.isBlank() ? "Email #" + p.path("email").asText("?") : templates.translate(subject))
                        .put("body", body == null ? "(the content of email #" + p.path("email").asText("?") + " is not in the export)" : templates.translate(body)));
                s.put("next", next);
                outcome(body == null ? Outcome.APPROXIMATED : Outcome.MAPPED, body == null ? "the email's content is not in the export: a stand-in text is sent" : null);
            }
            case "sms.send_text_sms" -> {
                JsonNode sms = events.sms.get(p.path("sms").asText());
                String body = sms == null ? null : sms.path("message").asText(null);
                ObjectNode s = step(base, "send_sms", e, made);
                s.set("config", F.objectNode().put("body", body == null ? "(the text of SMS #" + p.path("sms").asText("?") + " is not in the export)" : templates.translate(body)));
                s.put("next", next);
                outcome(body == null ? Outcome.APPROXIMATED : Outcome.MAPPED, body == null ? "the message text is not in the export: a stand-in text is sent" : null);
            }
            case "lead.changetags" -> {
                List<String[]> ops = new ArrayList<>();
                for (JsonNode t : p.path("add_tags")) ops.add(new String[]{"add_tag", t.asText()});
                for (JsonNode t : p.path("remove_tags")) ops.add(new String[]{"remove_tag", t.asText()});
                if (ops.isEmpty()) return placeholder(e, base, next, made, "changes no tags");
                String first = null;
                ObjectNode prev = null;
                for (int i = 0; i < ops.size(); i++) {
                    ObjectNode s = step(i == 0 ? base : unique(base + "_" + (i + 1)), ops.get(i)[0], e, made);
                    s.set("config", F.objectNode().put("tag", ops.get(i)[1]));
                    if (prev != null) prev.put("next", s.get("id").asText());
                    else first = s.get("id").asText();
                    prev = s;
                }
                prev.put("next", next);
                outcome(Outcome.MAPPED, null);
                return first;
            }
            case "lead.updatelead" -> {
                ObjectNode fields = F.objectNode();
                p.fields().forEachRemaining(f -> {
                    if (f.getValue().isValueNode() && !f.getValue().asText().isEmpty()) {
                        fields.put(MauticTemplates.field(f.getKey()), templates.translate(f.getValue().asText()));
                    }
                });
                if (fields.isEmpty()) return placeholder(e, base, next, made, "sets no field");
                step(base, "update_contact", e, made).put("next", next).set("config", F.objectNode().set("fields", fields));
                outcome(Outcome.MAPPED, "field aliases become contact fields (firstname is first_name)");
            }
            case "email.send.to.user" -> {
                step(base, "notify_team", e, made).put("next", next)
                        .set("config", F.objectNode().put("message", "Internal email from the campaign: " + e.name()));
                outcome(Outcome.APPROXIMATED, "the internal email is a team notification; its content is not simulated");
            }
            case "campaign.sendwebhook" -> {
                ObjectNode c = F.objectNode().put("kind", "webhook");
                if (p.hasNonNull("url")) c.put("url", p.get("url").asText());
                if (p.hasNonNull("method")) c.put("method", p.get("method").asText());
                step(base, "external_call", e, made).put("next", next).put("on_failure", next).set("config", c);
                outcome(Outcome.APPROXIMATED, "not called; Mautic goes on either way, so both exits lead on");
            }
            case "campaign.jump_to_event" -> {
                Event target = events.byId.get(p.path("jumpToEvent").asText());
                outcome(Outcome.MAPPED, "jumps to '" + target.name() + "'");
                return entryOf(target);
            }
            default -> {
                return placeholder(e, base, next, made, "Mautic action '" + e.type() + "' is not simulated");
            }
        }
        return base;
    }

    /** Where a jump lands: the target's first step (its delay, when it has one). */
    private String entryOf(Event target) {
        String base = baseIds.get(target.id());
        Event parent = target.parentId() == null ? null : events.byId.get(target.parentId());
        boolean timeoutChild = parent != null && parent.kind().equals("decision") && "no".equals(target.decisionPath());
        boolean delayed = !target.kind().equals("decision") && !timeoutChild && delay(target) != null;
        return delayed ? base + "__delay" : base;
    }

    // ---- decisions and conditions

    private String decision(Event e, String base, String cont, List<String> made) {
        List<Event> noKids = events.children(e.id(), "no");
        String yes = chain(events.children(e.id(), "yes"), cont, false);
        String no = chain(noKids, cont, true);
        String timeout = noKids.isEmpty() ? NO_TIMEOUT : interval(noKids.get(0));
        if (timeout == null) timeout = NO_TIMEOUT;
        String timing = noKids.isEmpty() ? "no 'no' path: the walk gives up after " + NO_TIMEOUT
                : "waits " + timeout + " (the 'no' path's interval) before taking 'no'";
        switch (e.type()) {
            case "email.open", "email.click" -> {
                ObjectNode w = step(base, "wait_for_reply", e, made);
                w.set("config", F.objectNode().put("timeout", timeout).put("for", e.type().equals("email.open") ? "email_open" : "email_click"));
                w.put("on_reply", yes).put("on_timeout", no);
                outcome(Outcome.MAPPED, timing + "; 'yes' the moment the last email is " + (e.type().equals("email.open") ? "opened" : "clicked"));
            }
            case "email.reply", "sms.reply" -> {
                boolean sms = e.type().equals("sms.reply");
                String pattern = e.properties().path("pattern").asText("");
                String field = FieldNames.field(base + "_reply");
                ObjectNode w = step(base, "wait_for_reply", e, made);
                w.set("config", F.objectNode().put("timeout", timeout).put("channel", sms ? "sms" : "email").put("save_reply_to", field));
                w.put("on_timeout", no);
                if (sms && !pattern.isBlank()) {
                    String check = unique(base + "__match");
                    w.put("on_reply", check);
                    ObjectNode c = step(check, "condition", e, made);
                    c.remove("config");
                    c.putArray("branches").addObject().put("label", "matches").put("next", yes).putObject("when").putObject("text")
                            .put("input", "{{contact." + field + "}}").put("operator", "regex").put("value", pattern);
                    c.put("default", no);
                    outcome(Outcome.APPROXIMATED, timing + "; a reply that does not match /" + pattern + "/ goes to 'no' (Mautic keeps waiting)");
                } else {
                    w.put("on_reply", yes);
                    outcome(Outcome.MAPPED, timing);
                }
            }
            default -> {
                // What the contact does outside messages (a page visit, a form) is a choice point: each walk draws it.
                String field = FieldNames.field(base + "_happened");
                inputs.set(field, F.objectNode().put("description", "whether the contact did '" + e.type() + "' ('" + e.name()
                        + "'): Rehearsal does not simulate it, so each walk draws it").set("values", F.arrayNode().add("yes").add("no")));
                String check = unique(base + "__drawn");
                String wait = unique(base + "__timeout");
                placeholder(e, base, check, made, "the contact's '" + e.type() + "' is not simulated: each walk draws yes or no (input "
                        + field + ")");
                ObjectNode c = step(check, "condition", e, made);
                c.remove("config");
                c.putArray("branches").addObject().put("label", "yes").put("next", yes).putObject("when").putObject("field")
                        .put("name", field).put("equals", "yes");
                c.put("default", wait);
                step(wait, "delay", e, made).put("next", no).set("config", F.objectNode().put("duration", timeout));
                lastOutcome = Outcome.UNSUPPORTED;
            }
        }
        return base;
    }

    private String condition(Event e, String base, String cont, List<String> made) {
        String yes = chain(events.children(e.id(), "yes"), cont, false);
        String no = chain(events.children(e.id(), "no"), cont, false);
        JsonNode p = e.properties();
        ObjectNode when = null;
        switch (e.type()) {
            case "lead.field_value" -> {
                String op = OPERATORS.get(p.path("operator").asText());
                if (op != null) {
                    JsonNode v = p.path("value");
                    String value = v.isArray() ? join(v) : v.asText("");
                    ObjectNode t = F.objectNode().put("input", "{{contact." + MauticTemplates.field(p.path("field").asText("field")) + "}}")
                            .put("operator", op);
                    if (!op.startsWith("is_")) t.put("value", value);
                    when = F.objectNode().set("text", t);
                }
            }
            case "lead.tags" -> {
                ArrayNode any = F.arrayNode();
                for (JsonNode t : p.path("tags")) any.addObject().put("has_tag", t.asText());
                if (!any.isEmpty()) when = any.size() == 1 ? (ObjectNode) any.get(0) : F.objectNode().set("any", any);
            }
            case "lead.dnc" -> when = F.objectNode().put("opted_out", true);
            default -> { }
        }
        if (when == null) return placeholder(e, base, no, made, "condition '" + e.type() + "' (" + p.path("operator").asText("") + ") is not simulated: the walk takes 'no'");
        ObjectNode c = step(base, "condition", e, made);
        c.remove("config");
        c.putArray("branches").addObject().put("label", "yes").put("next", yes).set("when", when);
        c.put("default", no);
        outcome(Outcome.MAPPED, e.type().equals("lead.field_value") ? "compared trimmed and not case-sensitive" : null);
        return base;
    }

    // ---- timing

    /** The delay an action or condition waits before it runs, or null for "immediately". */
    private ObjectNode delay(Event e) {
        ObjectNode c = F.objectNode();
        String mode = e.text("trigger_mode", "triggerMode");
        String iv = "interval".equals(mode) ? interval(e) : null;
        if (iv != null) c.put("duration", iv);
        ObjectNode window = F.objectNode();
        String start = hour(e.text("triggerRestrictedStartHour", "triggerRestrictedStartHour"));
        String stop = hour(e.text("triggerRestrictedStopHour", "triggerRestrictedStopHour"));
        String at = hour(e.text("trigger_hour", "triggerHour"));
        if (start != null && stop != null) window.put("start", start).put("end", stop);
        else if (at != null) window.put("start", at).put("end", java.time.LocalTime.parse(at).plusHours(1).toString());
        JsonNode dow = e.node().path("triggerRestrictedDaysOfWeek");
        if (dow.isArray() && !dow.isEmpty() && dow.size() < 7) {
            ArrayNode days = window.putArray("days");
            Set<String> seen = new HashSet<>();
            for (JsonNode d : dow) if (d.asInt(-1) >= 0 && d.asInt() <= 6 && seen.add(DAYS[d.asInt()])) days.add(DAYS[d.asInt()]);
        }
        if (!window.isEmpty()) c.set("window", window);
        if (c.isEmpty()) return null;
        return F.objectNode().put("type", "delay").set("config", c);
    }

    private static String interval(Event e) {
        JsonNode n = e.node().has("trigger_interval") ? e.node().get("trigger_interval") : e.node().get("triggerInterval");
        int v = n == null ? 0 : n.asInt(0);
        if (v <= 0) return null;
        String unit = e.text("trigger_interval_unit", "triggerIntervalUnit");
        return switch (unit == null ? "d" : unit) {
            case "i" -> v + "m";
            case "h" -> v + "h";
            case "m" -> v * 30 + "d";
            case "y" -> v * 365 + "d";
            default -> v + "d";
        };
    }

    private static String hour(String t) {
        if (t == null || t.length() < 5 || !t.substring(0, 5).matches("([01][0-9]|2[0-3]):[0-5][0-9]")) return null;
        return t.substring(0, 5);
    }

    private static String describeDelay(ObjectNode delay) {
        JsonNode c = delay.get("config");
        return (c.has("duration") ? "waits " + c.get("duration").asText() : "")
                + (c.has("window") ? (c.has("duration") ? ", then " : "") + "holds until " + c.get("window") + " (contact-local)" : "");
    }

    // ---- pieces

    private String placeholder(Event e, String base, String next, List<String> made, String reason) {
        step(base, "placeholder", e, made).put("next", next).set("config", F.objectNode()
                .put("source_type", "mautic " + e.type()).put("source_pointer", e.pointer()).put("reason", reason));
        outcome(Outcome.UNSUPPORTED, reason + "; a placeholder passes the walk through");
        return base;
    }

    private ObjectNode step(String id, String type, Event e, List<String> made) {
        ObjectNode s = F.objectNode().put("id", id).put("type", type).put("name", e.name());
        s.putObject("config");
        steps.add(s);
        made.add(id);
        return s;
    }

    private static String text(JsonNode email) {
        String plain = email.path("plain_text").asText("");
        if (!plain.isBlank()) return plain;
        String html = email.path("custom_html").asText("");
        if (html.isBlank()) return null;
        // Links keep their target in the text: an unsubscribe link is what compliance checks look for.
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?is)<a\\s[^>]*href=[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", "$2 ($1)").replaceAll("<[^>]+>", " ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replaceAll("\\s+", " ").trim();
    }

    private String end() {
        endUsed = true;
        return endId;
    }

    private String unique(String base) {
        String id = base;
        for (int n = 2; !used.add(id); n++) id = base + "_" + n;
        return id;
    }

    private static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static String trim(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String join(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return String.join(",", out);
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p == null || p.isBlank()) continue;
            if (b.length() > 0) b.append("; ");
            b.append(p);
        }
        return b.length() == 0 ? null : b.toString();
    }
}
