package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ASL JSON into a {@link StateMachine}, rejecting invalid definitions with the state and field at fault. */
final class DefinitionParser {
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}");
    private static final Set<String> TERMINAL_TYPES = Set.of("Choice", "Succeed", "Fail");
    private static final Set<String> WAIT_FIELDS = Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath");

    private final Map<String, String> substitutions;

    DefinitionParser(Map<String, String> substitutions) {
        this.substitutions = substitutions == null ? Map.of() : substitutions;
    }

    StateMachine parse(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException("Definition is not valid JSON: " + e.getMessage());
        }
        return parse(root);
    }

    StateMachine parse(JsonNode root) {
        if (!substitutions.isEmpty()) root = substitute(root.deepCopy());
        if (!root.isObject()) throw new DefinitionException("Definition must be a JSON object");
        QueryLanguage ql = QueryLanguage.parse(text(root, "QueryLanguage"));
        Integer timeout = root.hasNonNull("TimeoutSeconds") ? root.get("TimeoutSeconds").asInt() : null;
        return parseMachine(root, "", ql == null ? QueryLanguage.JSONPATH : ql, timeout);
    }

    private StateMachine parseMachine(JsonNode root, String where, QueryLanguage inherited, Integer timeout) {
        String startAt = text(root, "StartAt");
        if (startAt == null) throw new DefinitionException(where + "Missing required field 'StartAt'");
        JsonNode statesNode = root.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty())
            throw new DefinitionException(where + "Missing required field 'States'");
        QueryLanguage own = QueryLanguage.parse(text(root, "QueryLanguage"));
        QueryLanguage ql = own == null ? inherited : own;
        Map<String, State> states = new LinkedHashMap<>();
        for (var it = statesNode.fields(); it.hasNext(); ) {
            var e = it.next();
            states.put(e.getKey(), parseState(e.getKey(), e.getValue(), ql));
        }
        if (!states.containsKey(startAt))
            throw new DefinitionException(where + "StartAt '" + startAt + "' does not exist");
        for (State s : states.values()) checkTransitions(s, states.keySet());
        return new StateMachine(null, startAt, states, ql, timeout, root);
    }

    private State parseState(String name, JsonNode node, QueryLanguage machineQl) {
        String where = "State '" + name + "': ";
        if (!node.isObject()) throw new DefinitionException(where + "must be an object");
        String typeName = text(node, "Type");
        if (typeName == null) throw new DefinitionException(where + "Missing required field 'Type'");
        State.Type type;
        try {
            type = State.Type.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + "Unknown Type '" + typeName + "'");
        }
        QueryLanguage own = QueryLanguage.parse(text(node, "QueryLanguage"));
        if (own == QueryLanguage.JSONPATH && machineQl == QueryLanguage.JSONATA)
            throw new DefinitionException(where + "QueryLanguage 'JSONPath' cannot be used when the state machine uses JSONata");
        QueryLanguage ql = own == null ? machineQl : own;
        String next = text(node, "Next");
        boolean end = node.path("End").asBoolean(false);
        boolean terminalType = TERMINAL_TYPES.contains(typeName);
        if (next != null && end) throw new DefinitionException(where + "cannot have both 'End' and 'Next'");
        if (!terminalType && next == null && !end)
            throw new DefinitionException(where + "must have either 'Next' or 'End': true");
        if (terminalType && (next != null || node.has("End")) && !typeName.equals("Choice"))
            throw new DefinitionException(where + typeName + " state cannot have 'Next' or 'End'");
        if (typeName.equals("Choice") && (next != null || node.has("End")))
            throw new DefinitionException(where + "Choice state cannot have 'Next' or 'End'");

        List<StateMachine> branches = List.of();
        StateMachine itemProcessor = null;
        String resource = null;
        switch (type) {
            case Task -> {
                resource = text(node, "Resource");
                if (resource == null) throw new DefinitionException(where + "Missing required field 'Resource'");
            }
            case Choice -> {
                JsonNode choices = node.get("Choices");
                if (choices == null || !choices.isArray() || choices.isEmpty())
                    throw new DefinitionException(where + "Choice state must have a non-empty 'Choices' array");
            }
            case Wait -> {
                long count = WAIT_FIELDS.stream().filter(node::has).count();
                if (count != 1)
                    throw new DefinitionException(where + "Wait state must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
            }
            case Parallel -> {
                JsonNode b = node.get("Branches");
                if (b == null || !b.isArray() || b.isEmpty())
                    throw new DefinitionException(where + "Parallel state must have a non-empty 'Branches' array");
                List<StateMachine> list = new ArrayList<>();
                for (int i = 0; i < b.size(); i++)
                    list.add(parseMachine(b.get(i), where + "Branches[" + i + "]: ", ql, null));
                branches = List.copyOf(list);
            }
            case Map -> {
                JsonNode p = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
                if (p == null) throw new DefinitionException(where + "Map state must have 'ItemProcessor'");
                itemProcessor = parseMachine(p, where + "ItemProcessor: ", ql, null);
            }
            default -> { }
        }
        return new State(name, type, node, ql, next, end, retriers(where, node), catchers(where, node),
                branches, itemProcessor, resource);
    }

    private List<State.Retrier> retriers(String where, JsonNode node) {
        JsonNode retry = node.get("Retry");
        if (retry == null) return List.of();
        if (!retry.isArray()) throw new DefinitionException(where + "'Retry' must be an array");
        List<State.Retrier> out = new ArrayList<>();
        for (JsonNode r : retry) {
            List<String> errors = errorEquals(where + "Retry: ", r);
            out.add(new State.Retrier(errors,
                    r.path("IntervalSeconds").asDouble(1),
                    r.has("MaxAttempts") ? r.get("MaxAttempts").asInt() : 3,
                    r.path("BackoffRate").asDouble(2.0),
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asDouble() : null,
                    r.path("JitterStrategy").asText("NONE")));
        }
        return List.copyOf(out);
    }

    private List<State.Catcher> catchers(String where, JsonNode node) {
        JsonNode c = node.get("Catch");
        if (c == null) return List.of();
        if (!c.isArray()) throw new DefinitionException(where + "'Catch' must be an array");
        List<State.Catcher> out = new ArrayList<>();
        for (JsonNode r : c) {
            String next = text(r, "Next");
            if (next == null) throw new DefinitionException(where + "Catch: Missing required field 'Next'");
            out.add(new State.Catcher(errorEquals(where + "Catch: ", r), next, r.get("ResultPath"),
                    r.has("ResultPath"), r.get("Output"), r.get("Assign")));
        }
        return List.copyOf(out);
    }

    private static List<String> errorEquals(String where, JsonNode r) {
        JsonNode e = r.get("ErrorEquals");
        if (e == null || !e.isArray() || e.isEmpty())
            throw new DefinitionException(where + "'ErrorEquals' must be a non-empty array");
        List<String> errors = new ArrayList<>();
        e.forEach(x -> errors.add(x.asText()));
        return List.copyOf(errors);
    }

    private static void checkTransitions(State s, Set<String> names) {
        String where = "State '" + s.name() + "': ";
        if (s.next() != null && !names.contains(s.next()))
            throw new DefinitionException(where + "Next '" + s.next() + "' does not exist");
        for (State.Catcher c : s.catchers())
            if (!names.contains(c.next()))
                throw new DefinitionException(where + "Catch Next '" + c.next() + "' does not exist");
        if (s.type() == State.Type.Choice) {
            for (JsonNode rule : s.field("Choices")) {
                String n = text(rule, "Next");
                if (n == null) throw new DefinitionException(where + "Choice rule is missing 'Next'");
                if (!names.contains(n)) throw new DefinitionException(where + "Next '" + n + "' does not exist");
            }
            String d = s.text("Default");
            if (d != null && !names.contains(d))
                throw new DefinitionException(where + "Default '" + d + "' does not exist");
        }
    }

    private JsonNode substitute(JsonNode node) {
        if (node.isTextual()) {
            Matcher m = SUBSTITUTION.matcher(node.textValue());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = substitutions.get(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
            }
            m.appendTail(sb);
            return TextNode.valueOf(sb.toString());
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) o.set(k, substitute(o.get(k)));
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) a.set(i, substitute(a.get(i)));
        }
        return node;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }
}
