package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.DeclaredFields;
import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merge fields a message uses: each must name a field the CRM can fill (see docs/VALIDATION.md for
 * the namespaces), be written {@code {{namespace.field}}}, and contact fields should carry a
 * fallback because contact records are often incomplete.
 */
final class MergeFieldRules {
    /** Fields the account, sender and workflow always have; the CRM fills them, so no fallback is needed. */
    static final Map<String, Set<String>> SYSTEM_NAMESPACES = Map.of(
            "account", Set.of("name", "postal_address", "phone", "website", "unsubscribe_url", "preferences_url"),
            "sender", Set.of("name", "first_name", "email", "phone"),
            "workflow", Set.of("id", "name"));
    /** Fallbacks suggested for common contact fields: natural wording when the field is empty. */
    private static final Map<String, String> SUGGESTED_FALLBACK = Map.of(
            "first_name", "there", "full_name", "there", "company", "your company", "city", "your area");

    private final Set<String> contactFields;
    /** Fields the workflow's trigger supplies for every contact: no fallback needed. */
    private final Set<String> inputs;
    private final DefinitelySet definitelySet;

    MergeFieldRules(Workflow workflow) {
        Set<String> fields = new TreeSet<>(MergeFields.STANDARD_CONTACT_FIELDS);
        for (Step s : workflow.steps()) {
            if (s.type() != StepType.UPDATE_CONTACT) continue;
            for (Iterator<String> it = s.config().path("fields").fieldNames(); it.hasNext(); ) {
                String f = it.next();
                fields.add(f.startsWith("contact.") ? f.substring("contact.".length()) : f);
            }
        }
        fields.addAll(DeclaredFields.setByRun(workflow));
        this.inputs = DeclaredFields.inputs(workflow).keySet();
        fields.addAll(inputs);
        this.contactFields = fields;
        this.definitelySet = DefinitelySet.of(workflow);
    }

    /** Checks one template ({@code part} is the config field, e.g. "body" or "subject"; {@code tokens} its merge fields). */
    void check(Workflow w, Step s, String part, String text, List<MergeFields.Token> tokens, List<Issue> out) {
        if (text == null) return;
        String pointer = w.pointerOf(s.id()) + "/config/" + part;
        String where = s.type().wireName() + " '" + s.id() + "' " + part;
        Set<String> reported = new LinkedHashSet<>();
        for (MergeFields.Token t : tokens) {
            String raw = text.substring(t.start(), t.end());
            if (!reported.add(raw)) continue;
            if (!t.wellFormed()) {
                out.add(Issue.of(Severity.ERROR, "unknown_merge_field", s.id(), pointer,
                        where + " has a malformed merge field " + raw + ": a field is written namespace.field in lower case with underscores",
                        "Write it as " + suggestion(t.field()) + "."));
                continue;
            }
            String field = t.field().toLowerCase(Locale.ROOT);
            int dot = field.indexOf('.');
            String ns = field.substring(0, dot), name = field.substring(dot + 1);
            if (ns.equals("contact") && contactFields.contains(name)) {
                if (!t.hasFallback() && !inputs.contains(name) && !definitelySet.isSet(s.id(), name)) {
                    out.add(Issue.of(Severity.WARNING, "merge_field_without_fallback", s.id(), pointer,
                            where + " uses " + raw + " without a fallback: contacts missing " + name + " get an empty gap",
                            "Write {{" + t.field() + " | default: \"" + SUGGESTED_FALLBACK.getOrDefault(name, "…") + "\"}}."));
                }
            } else if (!(SYSTEM_NAMESPACES.containsKey(ns) && SYSTEM_NAMESPACES.get(ns).contains(name))) {
                out.add(Issue.of(Severity.ERROR, "unknown_merge_field", s.id(), pointer,
                        where + " uses " + raw + ", which the CRM cannot fill: "
                                + (ns.equals("contact") ? "'" + name + "' is not a standard contact field and no update_contact step sets it"
                                : SYSTEM_NAMESPACES.containsKey(ns) ? "'" + ns + "' has no field '" + name + "'"
                                : "unknown namespace '" + ns + "' (use contact, account, sender or workflow)"),
                        "Use " + suggestion(t.field()) + ", or set the field with an update_contact step before this message."));
            }
        }
        unclosed(text, tokens, where, s, pointer, out);
    }

    /** "{{" that no well-formed token starts at: unclosed, or a filter other than default. */
    private static void unclosed(String text, List<MergeFields.Token> tokens, String where, Step s, String pointer,
                                 List<Issue> out) {
        int ti = 0;
        for (int i = text.indexOf("{{"); i >= 0; ) {
            while (ti < tokens.size() && tokens.get(ti).end() <= i) ti++;
            if (ti < tokens.size() && tokens.get(ti).start() <= i) {
                i = text.indexOf("{{", tokens.get(ti).end());
                continue;
            }
            int close = text.indexOf("}}", i + 2);
            String snippet = close < 0 ? text.substring(i, Math.min(text.length(), i + 30)) : text.substring(i, close + 2);
            out.add(Issue.of(Severity.ERROR, "unknown_merge_field", s.id(), pointer,
                    where + (close < 0 ? " has an unclosed merge field starting \"" + snippet + "\""
                            : " has a malformed merge field " + snippet + " (the only filter supported is | default: \"...\")"),
                    close < 0 ? "Close it with }}, e.g. {{contact.first_name | default: \"there\"}}."
                            : "Write {{namespace.field}} or {{namespace.field | default: \"text\"}}."));
            i = close < 0 ? -1 : text.indexOf("{{", close + 2);
        }
    }

    /**
     * The nearest known field to what was written: the most shared name tokens ("account", "unsubscribe"),
     * then the smallest edit distance once case, spaces and underscores are ignored. Exact matches of
     * the squashed name win outright; a candidate that shares nothing and is far off is not suggested.
     */
    private String suggestion(String written) {
        String key = squash(written);
        Set<String> tokens = tokens(written);
        String best = null;
        int bestOverlap = -1, bestDistance = Integer.MAX_VALUE;
        for (String candidate : knownFields()) {
            String sq = squash(candidate);
            if (sq.equals(key) || sq.equals("contact" + key)) return "{{" + candidate + "}}";
            Set<String> ct = tokens(candidate);
            int overlap = 0;
            for (String t : tokens) if (ct.contains(t) && !NAMESPACES.contains(t)) overlap += t.length();
            int distance = editDistance(key, sq);
            if (overlap > bestOverlap || overlap == bestOverlap && distance < bestDistance) {
                best = candidate;
                bestOverlap = overlap;
                bestDistance = distance;
            }
        }
        boolean close = best != null && (bestOverlap >= 4 || bestDistance <= Math.max(2, key.length() / 3));
        if (close) return "{{" + best + "}}" + (best.startsWith("contact.") ? " (with | default: \"...\")" : "");
        return "a known field such as {{contact.first_name | default: \"there\"}} (contact fields: " + String.join(", ", contactFields) + ")";
    }

    /** Namespace words are shared by too many fields to say which one was meant. */
    private static final Set<String> NAMESPACES = Set.of("contact", "account", "sender", "workflow");

    private List<String> knownFields() {
        List<String> out = new ArrayList<>();
        for (String f : contactFields) out.add("contact." + f);
        for (String ns : new TreeSet<>(SYSTEM_NAMESPACES.keySet())) {
            for (String f : new TreeSet<>(SYSTEM_NAMESPACES.get(ns))) out.add(ns + "." + f);
        }
        return out;
    }

    private static Set<String> tokens(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) if (!t.isEmpty()) out.add(t);
        return out;
    }

    /** Levenshtein distance, two rows. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
