package dev.rehearsal.importers.twilio;

import dev.rehearsal.importers.FieldNames;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Studio's Liquid variables made into Rehearsal merge fields, remembering what each one needs:
 * {@code flow.data.*} is supplied by whoever starts the flow (a declared input);
 * {@code flow.variables.*} is set by set-variables (update_contact); {@code widgets.W.inbound.Body}
 * is the reply W waited for (saved into a field); {@code widgets.W.parsed.*} / {@code .body} is what
 * HTTP request or function W returned (an output of that call). Anything else is left as written,
 * so the merge-field validator reports it as it would in a native workflow.
 */
final class StudioTemplates {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}|]+?)\\s*(\\|[^{}]*)?}}");
    private static final Pattern DATA = Pattern.compile("flow\\.data\\.([A-Za-z0-9_.-]+)");
    private static final Pattern VARIABLE = Pattern.compile("flow\\.variables\\.([A-Za-z0-9_.-]+)");
    private static final Pattern REPLY = Pattern.compile("widgets\\.([^.]+)\\.inbound\\.Body", Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTPUT = Pattern.compile("widgets\\.([^.]+)\\.(parsed\\.([A-Za-z0-9_.-]+)|body)");
    static final Map<String, String> FIXED = Map.of(
            "trigger.message.Body", "contact.opening_message",
            "trigger.message.From", "contact.phone",
            "contact.channel.address", "contact.phone",
            "flow.channel.address", "account.phone",
            "flow.flow_sid", "workflow.id");

    /** Input field name to the values splits compare it with (empty: none). */
    final Map<String, Set<String>> inputs = new LinkedHashMap<>();
    /** Widget name to the output fields read from it. */
    final Map<String, Set<String>> outputs = new LinkedHashMap<>();
    /** Output field name to the values splits compare it with. */
    final Map<String, Set<String>> outputValues = new LinkedHashMap<>();
    /** Variables read anywhere (set-variables keys become the same field names). */
    final Set<String> variables = new LinkedHashSet<>();
    /** Tokens left as written because nothing in Rehearsal fills them. */
    final Set<String> unknown = new LinkedHashSet<>();

    static String replyField(String widget) {
        return FieldNames.field(widget + "_reply");
    }

    static String variableField(String key) {
        return FieldNames.field(key);
    }

    /** The template with every known variable rewritten. */
    String translate(String template) {
        if (template == null) return null;
        Matcher m = TOKEN.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String path = m.group(1).trim();
            String filter = m.group(2) == null ? "" : " " + m.group(2).trim();
            String field = field(path);
            String out = field == null ? m.group() : "{{" + field + filter + "}}";
            if (field == null) unknown.add(m.group());
            m.appendReplacement(b, Matcher.quoteReplacement(out));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The contact field a split's variable names, when it is a single known variable, else null. */
    String fieldOf(String template) {
        if (template == null) return null;
        Matcher m = TOKEN.matcher(template.trim());
        if (!m.matches()) return null;
        String f = field(m.group(1).trim());
        return f != null && f.startsWith("contact.") ? f.substring(8) : null;
    }

    /** Records a value a split compares a field with, so simulated inputs and outputs can take it. */
    void compared(String field, String value) {
        if (field == null) return;
        Set<String> target = inputs.containsKey(field) ? inputs.get(field) : outputValues.get(field);
        if (target != null) target.add(value);
    }

    private String field(String path) {
        if (FIXED.containsKey(path)) return FIXED.get(path);
        Matcher m;
        if ((m = DATA.matcher(path)).matches()) {
            String f = FieldNames.field(m.group(1));
            inputs.computeIfAbsent(f, k -> new LinkedHashSet<>());
            return "contact." + f;
        }
        if ((m = VARIABLE.matcher(path)).matches()) {
            String f = variableField(m.group(1));
            variables.add(f);
            return "contact." + f;
        }
        if ((m = REPLY.matcher(path)).matches()) return "contact." + replyField(m.group(1));
        if ((m = OUTPUT.matcher(path)).matches()) {
            String f = FieldNames.field(m.group(1) + "_" + (m.group(3) != null ? m.group(3) : "body"));
            outputs.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(f);
            outputValues.computeIfAbsent(f, k -> new LinkedHashSet<>());
            return "contact." + f;
        }
        return null;
    }
}
