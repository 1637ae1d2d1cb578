package dev.rehearsal.functions.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.stats.RateComparison;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Baseline digest vs. new digest (both version 2), reporting only what chance does not explain:
 * <ul>
 * <li>{@code pass_rate_dropped}: an expectation's pass rate fell, Fisher's exact test;</li>
 * <li>{@code path_share_changed}: a persona took a path in a different share of walks, Fisher's exact test;</li>
 * <li>both with Holm's correction over every rate compared in the suite (adjusted p &lt; {@value #ALPHA});</li>
 * <li>{@code new_finding}: a finding in a majority of a persona's walks that appeared in none before;</li>
 * <li>{@code score_drop}: the score fell by more than the walk-to-walk spread (bootstrap half-widths of
 * the two runs combined) plus one point for rounding two whole-number scores.</li>
 * </ul>
 */
public final class RegressionComparator {
    public static final int DIGEST_VERSION = 2;
    static final double ALPHA = 0.05;

    private RegressionComparator() {
    }

    /** One rate compared: the finding it becomes if its adjusted p is small enough. */
    private record Test(String kind, String workflow, String what, int a, int n, int b, int m, double p, boolean report) {
    }

    public static List<ObjectNode> compare(JsonNode baseline, JsonNode current) {
        List<ObjectNode> out = new ArrayList<>();
        List<Test> tests = new ArrayList<>();
        for (JsonNode cur : current.path("entries")) {
            String wf = cur.path("workflow").asText();
            JsonNode old = null;
            for (JsonNode b : baseline.path("entries")) if (b.path("workflow").asText().equals(wf)) old = b;
            if (old == null) continue;
            rates(wf, old, cur, tests);
            paths(wf, old, cur, tests);
            newFindings(wf, old, cur, out);
            // Both scores are whole numbers: a point of rounding on top of the combined bootstrap spread.
            double spread = Math.hypot(old.path("score_spread").asDouble(), cur.path("score_spread").asDouble()) + 1;
            int before = old.path("score").asInt(), after = cur.path("score").asInt();
            if (before - after > spread) {
                out.add(finding("score_drop", wf, "score " + before + " -> " + after + ", more than the walk-to-walk spread of ±"
                        + String.format(Locale.ROOT, "%.1f", spread)));
            }
        }
        double[] p = tests.stream().mapToDouble(Test::p).toArray();
        double[] adjusted = RateComparison.holm(p);
        for (int i = 0; i < tests.size(); i++) {
            Test t = tests.get(i);
            if (!t.report() || adjusted[i] >= ALPHA) continue;
            out.add(finding(t.kind(), t.workflow(), t.what() + ": " + t.a() + "/" + t.n() + " -> " + t.b() + "/" + t.m()
                    + " walks (" + pct(t.a(), t.n()) + " -> " + pct(t.b(), t.m()) + "), adjusted p = "
                    + String.format(Locale.ROOT, "%.2g", adjusted[i]) + " (Holm over " + tests.size() + " comparisons)")
                    .put("p", p[i]).put("adjusted_p", adjusted[i]));
        }
        return out;
    }

    private static void rates(String wf, JsonNode old, JsonNode cur, List<Test> tests) {
        for (Iterator<String> it = cur.path("expectations").fieldNames(); it.hasNext(); ) {
            String e = it.next();
            JsonNode b = old.path("expectations").get(e), c = cur.path("expectations").get(e);
            if (b == null || !b.isObject()) continue;
            int a = b.path("passes").asInt(), n = b.path("trials").asInt(), x = c.path("passes").asInt(), m = c.path("trials").asInt();
            boolean dropped = (double) x / Math.max(1, m) < (double) a / Math.max(1, n);
            tests.add(new Test("pass_rate_dropped", wf, e, a, n, x, m, RateComparison.fisher(a, n, x, m), dropped));
        }
    }

    private static void paths(String wf, JsonNode old, JsonNode cur, List<Test> tests) {
        for (Iterator<String> it = cur.path("paths").fieldNames(); it.hasNext(); ) {
            String persona = it.next();
            JsonNode b = old.path("paths").get(persona), c = cur.path("paths").get(persona);
            if (b == null) continue;
            int n = old.path("walks").path(persona).asInt(), m = cur.path("walks").path(persona).asInt();
            Set<String> all = new LinkedHashSet<>();
            b.fieldNames().forEachRemaining(all::add);
            c.fieldNames().forEachRemaining(all::add);
            for (String path : all) {
                int a = b.path(path).asInt(0), x = c.path(path).asInt(0);
                tests.add(new Test("path_share_changed", wf, persona + " via " + path, a, n, x, m,
                        RateComparison.fisher(a, n, x, m), true));
            }
        }
    }

    private static void newFindings(String wf, JsonNode old, JsonNode cur, List<ObjectNode> out) {
        for (Iterator<String> it = cur.path("findings").fieldNames(); it.hasNext(); ) {
            String key = it.next();
            int seen = cur.path("findings").path(key).asInt();
            if (old.path("findings").path(key).asInt(0) > 0) continue;
            String persona = key.contains("/") ? key.substring(key.indexOf('/') + 1) : null;
            int walks = persona == null ? 1 : cur.path("walks").path(persona).asInt(1);
            // A persona-less finding is static (in every walk or none), except reply_dropped, a rate over
            // walks whose lead replies late by chance: its change shows in path shares, not as "new".
            if (persona == null && key.startsWith("reply_dropped@")) continue;
            if (persona == null || seen * 2 > walks) {
                out.add(finding("new_finding", wf, key + (persona == null ? "" : " in " + seen + " of " + walks + " walks")));
            }
        }
    }

    private static String pct(int a, int n) {
        return n == 0 ? "-" : Math.round(100.0 * a / n) + "%";
    }

    private static ObjectNode finding(String kind, String workflow, String detail) {
        return Json.mapper().createObjectNode().put("kind", kind).put("workflow", workflow).put("detail", detail);
    }
}
