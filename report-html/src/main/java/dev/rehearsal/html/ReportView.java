package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A null-safe reading of a stored report document (the JSON the engine writes and the API keeps). Fields
 * that newer reports add (verdicts, rates, walks, path distributions, per-transition counts and statuses)
 * are used when present; older documents fall back to what they carry (one walk per persona, `passed`,
 * `coverage.uncovered`).
 */
final class ReportView {
    private final JsonNode root;

    ReportView(JsonNode root) {
        this.root = root == null ? MissingNode.getInstance() : root;
    }

    JsonNode root() {
        return root;
    }

    String workflowName() {
        return text(root.path("workflow"), "name", text(root.path("workflow"), "id", "workflow"));
    }

    Integer score() {
        return root.path("score").isNumber() ? root.path("score").asInt() : null;
    }

    String summary() {
        return text(root, "summary", "");
    }

    JsonNode run() {
        return root.path("run");
    }

    /** pass, fail, flaky (a pass or fail with an intermittent expectation), undecided or inconclusive. */
    String verdict() {
        String v = text(root, "verdict", null);
        if (v == null) v = root.path("passed").asBoolean(false) ? "pass" : "fail";
        v = v.toLowerCase(Locale.ROOT);
        boolean intermittent = list(root.path("expectations")).stream().anyMatch(e -> e.path("intermittent").asBoolean(false));
        if (intermittent && (v.equals("pass") || v.equals("fail"))) return "flaky";
        return v;
    }

    /** Whether the underlying pass/fail verdict is a failure (a flaky run can be either). */
    boolean failed() {
        String v = text(root, "verdict", null);
        return v == null ? !root.path("passed").asBoolean(false) : v.equalsIgnoreCase("fail");
    }

    /** What failed, in one sentence; null when nothing did. */
    String headline() {
        for (JsonNode e : expectations()) {
            String v = expectationVerdict(e);
            if (v.equals("fail")) {
                return "Failed: \u201c" + text(e, "expectation", "an expectation") + "\u201d for " + personaName(text(e, "persona", "a persona"))
                        + rateSuffix(e) + (e.hasNonNull("evidence") ? " \u2014 " + e.path("evidence").asText() : "") + ".";
            }
        }
        for (String sev : List.of("critical", "error")) {
            for (JsonNode i : issues()) {
                if (sev.equals(text(i, "severity", ""))) {
                    return capitalize(sev) + " finding " + text(i, "type", "") + (stepOf(i) == null ? "" : " at " + stepOf(i))
                            + ": " + text(i, "message", "") + ".";
                }
            }
        }
        for (JsonNode e : expectations()) {
            String v = expectationVerdict(e);
            if (v.equals("undecided") || v.equals("inconclusive")) {
                return capitalize(v) + ": \u201c" + text(e, "expectation", "an expectation") + "\u201d for "
                        + personaName(text(e, "persona", "a persona")) + rateSuffix(e) + ".";
            }
            if (e.path("intermittent").asBoolean(false)) {
                return "Intermittent: \u201c" + text(e, "expectation", "an expectation") + "\u201d for "
                        + personaName(text(e, "persona", "a persona")) + rateSuffix(e) + ".";
            }
        }
        return null;
    }

    private static String rateSuffix(JsonNode e) {
        if (!e.has("passes") || !e.has("trials")) return "";
        return " (passed " + e.path("passes").asInt() + " of " + e.path("trials").asInt() + " walks)";
    }

    List<JsonNode> issues() {
        return list(root.path("issues"));
    }

    List<JsonNode> expectations() {
        return list(root.path("expectations"));
    }

    List<JsonNode> personas() {
        return list(root.path("personas"));
    }

    List<String> recommendations() {
        List<String> out = new ArrayList<>();
        for (JsonNode r : list(root.path("recommendations"))) out.add(r.isTextual() ? r.asText() : text(r, "text", r.toString()));
        return out;
    }

    /** pass / fail / undecided / inconclusive for one expectation result; older reports only say passed. */
    static String expectationVerdict(JsonNode e) {
        String v = text(e, "verdict", null);
        if (v != null) return v.toLowerCase(Locale.ROOT);
        return e.path("passed").asBoolean(false) ? "pass" : "fail";
    }

    /** Step id of a finding; older documents wrote it as stepId. */
    static String stepOf(JsonNode issue) {
        String s = text(issue, "step_id", null);
        return s != null ? s : text(issue, "stepId", null);
    }

    String personaName(String id) {
        for (JsonNode p : personas()) if (id.equals(text(p, "id", null))) return text(p, "name", id);
        return id;
    }

    /** One persona's distinct paths: the report's distribution when present, else its single walk. */
    static List<PathShare> paths(JsonNode persona) {
        List<PathShare> out = new ArrayList<>();
        for (JsonNode p : list(persona.path("paths"))) {
            List<String> steps = strings(p.path("path"));
            out.add(new PathShare(steps, p.path("count").asInt(1), p.path("share").isNumber() ? p.path("share").asDouble() : null,
                    p.path("transcript").isArray() ? list(p.path("transcript")) : List.of()));
        }
        if (out.isEmpty()) out.add(new PathShare(strings(persona.path("path")), 1, 1.0, list(persona.path("transcript"))));
        return out;
    }

    record PathShare(List<String> steps, int count, Double share, List<JsonNode> transcript) {
    }

    /**
     * Each transition's coverage by key ("from -[label]-> to"): the report's own per-transition records when it
     * has them, else counts from the transcripts and "untaken" for what {@code coverage.uncovered} lists.
     */
    Map<String, EdgeCoverage> coverage() {
        Map<String, EdgeCoverage> out = new LinkedHashMap<>();
        JsonNode cov = root.path("coverage");
        // Version-2 reports: `statuses` (every transition's status from branch hunting) and `counts` (walks per
        // transition); either may be absent.
        if (cov.path("statuses").isArray() || cov.path("counts").isObject()) {
            Map<String, Integer> walks = new LinkedHashMap<>();
            cov.path("counts").fields().forEachRemaining(f -> walks.put(f.getKey(), f.getValue().asInt()));
            for (JsonNode t : list(cov.path("statuses"))) {
                String key = text(t, "transition", null);
                if (key == null) continue;
                int count = t.path("walks").asInt(walks.getOrDefault(key, 0));
                out.put(key, new EdgeCoverage(text(t, "status", count > 0 ? "covered" : "untaken").toLowerCase(Locale.ROOT),
                        count, text(t, "reason", null)));
            }
            walks.forEach((k, n) -> out.putIfAbsent(k, new EdgeCoverage(n > 0 ? "covered" : "untaken", n, null)));
            if (!out.isEmpty()) {
                for (JsonNode u : list(cov.path("uncovered"))) out.putIfAbsent(u.asText(), new EdgeCoverage("untaken", 0, null));
                return out;
            }
        }
        JsonNode records = cov.path("transitions").isArray() ? cov.path("transitions") : cov.path("edges");
        if (records.isArray()) {
            for (JsonNode t : records) {
                String key = text(t, "key", null);
                if (key == null) key = text(t, "from", "") + " -[" + text(t, "label", "") + "]-> " + text(t, "to", "");
                int count = t.path("count").asInt(0);
                String status = text(t, "status", count > 0 ? "covered" : "untaken");
                out.put(key, new EdgeCoverage(status.toLowerCase(Locale.ROOT), count, text(t, "reason", null)));
            }
            return out;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode p : personas()) {
            for (JsonNode i : list(p.path("transcript"))) {
                String key = transitionKey(i);
                if (key != null) counts.merge(key, 1, Integer::sum);
            }
        }
        counts.forEach((k, n) -> out.put(k, new EdgeCoverage("covered", n, null)));
        for (JsonNode u : list(cov.path("uncovered"))) out.putIfAbsent(u.asText(), new EdgeCoverage("untaken", 0, null));
        return out;
    }

    record EdgeCoverage(String status, int count, String reason) {
    }

    static String transitionKey(JsonNode interaction) {
        String from = text(interaction, "step_id", null), label = text(interaction, "transition", null),
                to = text(interaction, "next", null);
        return from == null || label == null || to == null ? null : from + " -[" + label + "]-> " + to;
    }

    /** Transition keys a persona's walks took: exact from transcripts, else every edge between consecutive steps. */
    static Set<String> personaTransitions(JsonNode persona, Map<String, List<String>> keysByStepPair) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode i : list(persona.path("transcript"))) {
            String k = transitionKey(i);
            if (k != null) out.add(k);
        }
        for (PathShare p : paths(persona)) {
            for (JsonNode i : p.transcript()) {
                String k = transitionKey(i);
                if (k != null) out.add(k);
            }
            if (!persona.path("paths").isArray()) continue;
            for (int j = 0; j + 1 < p.steps().size(); j++) {
                out.addAll(keysByStepPair.getOrDefault(p.steps().get(j) + "\u0000" + p.steps().get(j + 1), List.of()));
            }
        }
        return out;
    }

    static Set<String> personaSteps(JsonNode persona) {
        Set<String> out = new HashSet<>();
        for (PathShare p : paths(persona)) out.addAll(p.steps());
        return out;
    }

    static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) n.forEach(out::add);
        return out;
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : list(n)) out.add(x.asText());
        return out;
    }

    static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? dflt : v.asText();
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
