package dev.rehearsal.engine.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.DeclaredFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a hunt gives data the simulation does not produce (trigger inputs, external calls'
 * outputs): those the workflow's conditions compare the field against (field equals/exists, Twilio
 * split operators), plus the values and example the workflow (or the suite) declares for it.
 * A null value stands for "empty".
 */
final class TestedValues {
    static final String SCRIPTED = "scripted value";
    private static final Pattern ONE_FIELD = Pattern.compile("^\\{\\{\\s*(?:contact\\.)?([A-Za-z0-9_.]+)\\s*}}$");

    private final Map<String, Set<String>> compared = new LinkedHashMap<>();

    TestedValues(Workflow wf) {
        for (Step s : wf.steps()) for (var b : s.branches()) collect(b.when());
    }

    /** Values for an input or output field: compared ones first, then the declared ones. */
    List<String> of(String field, JsonNode declared) {
        Set<String> out = new LinkedHashSet<>(compared.getOrDefault(field, Set.of()));
        if (declared != null) {
            declared.path("values").forEach(v -> out.add(v.asText()));
            if (declared.hasNonNull("example")) out.add(declared.get("example").asText());
        }
        return new ArrayList<>(out);
    }

    /** Fields conditions compare that no step, input or call fills: trigger data the contact record may carry. */
    Map<String, List<String>> contactOnly(Workflow wf) {
        Set<String> filled = new LinkedHashSet<>(DeclaredFields.inputs(wf).keySet());
        filled.addAll(DeclaredFields.setByRun(wf));
        for (Step s : wf.steps()) {
            if (s.type() == StepType.UPDATE_CONTACT) s.config().path("fields").fieldNames().forEachRemaining(f ->
                    filled.add(f.startsWith("contact.") ? f.substring(8) : f));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        compared.forEach((f, vs) -> {
            if (!filled.contains(f)) out.put(f, new ArrayList<>(vs));
        });
        return out;
    }

    /** The field a text condition's input reads, when it is exactly one merge field. */
    static String fieldOf(Condition.Text t) {
        Matcher m = ONE_FIELD.matcher(t.input() == null ? "" : t.input().trim());
        return m.matches() ? m.group(1) : null;
    }

    /** Texts that make a Twilio-style comparison true, and one that (most likely) makes it false. */
    static List<String> satisfying(Condition.Text t) {
        String v = t.value() == null ? "" : t.value().trim();
        List<String> out = new ArrayList<>();
        switch (t.operator()) {
            case "equal_to", "contains", "starts_with", "not_equal_to", "does_not_contain", "does_not_start_with" -> out.add(v);
            case "matches_any_of", "does_not_match_any_of" -> {
                for (String x : v.split(",")) if (!x.isBlank()) out.add(x.trim());
            }
            case "is_blank", "is_not_blank" -> out.add(null);
            case "regex" -> {
                String example = regexExample(v);
                if (example != null) out.add(example);
            }
            default -> { } // less_than, greater_than: no value to read off; the declared ones may serve
        }
        out.add(SCRIPTED); // and a text that matches none of them, for the branch that needs it not to
        return out;
    }

    /**
     * The shortest text a Twilio regex split finds (Java syntax, unanchored search), from the pattern's
     * automaton; null when the pattern uses what the automaton library cannot express.
     */
    static String regexExample(String pattern) {
        String p = pattern.replace("\\d", "[0-9]").replace("\\w", "[a-zA-Z0-9_]").replace("\\s", " ");
        if (p.startsWith("^")) p = p.substring(1);
        if (p.endsWith("$") && !p.endsWith("\\$")) p = p.substring(0, p.length() - 1);
        try {
            String example = new dk.brics.automaton.RegExp(p, dk.brics.automaton.RegExp.NONE).toAutomaton().getShortestExample(true);
            if (example != null && Pattern.compile(pattern, Pattern.CASE_INSENSITIVE).matcher(example).find()) return example;
        } catch (IllegalArgumentException unsupported) { // PatternSyntaxException included
            // a pattern beyond the automaton's syntax: no example, the other choices remain
        }
        return null;
    }

    private void collect(Condition c) {
        if (c instanceof Condition.Field f) {
            String name = f.name().startsWith("contact.") ? f.name().substring(8) : f.name();
            Set<String> vs = compared.computeIfAbsent(name, k -> new LinkedHashSet<>());
            JsonNode eq = f.equals();
            if (eq != null && !eq.isNull()) {
                vs.add(eq.asText());
                vs.add(SCRIPTED); // and one that differs, for the branch that needs it not to match
            }
            if (f.exists() != null) {
                vs.add(SCRIPTED);
                vs.add(null);
            }
        } else if (c instanceof Condition.Text t) {
            String field = fieldOf(t);
            if (field != null) compared.computeIfAbsent(field, k -> new LinkedHashSet<>()).addAll(satisfying(t));
        } else if (c instanceof Condition.All a) {
            a.all().forEach(this::collect);
        } else if (c instanceof Condition.Any a) {
            a.any().forEach(this::collect);
        } else if (c instanceof Condition.Not n) {
            collect(n.not());
        }
    }
}
