package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.rehearsal.html.Html.esc;
import static dev.rehearsal.html.ReportView.text;

/** Findings, expectations, coverage and recommendations as tables and lists. */
final class ResultTables {
    private ResultTables() {
    }

    static void findings(StringBuilder b, ReportView r) {
        List<JsonNode> issues = r.issues();
        b.append("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings (")
                .append(issues.size()).append(")</h2>\n");
        if (issues.isEmpty()) {
            b.append("<p>None.</p>\n</section>\n");
            return;
        }
        b.append("<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Finding</th><th scope=\"col\">Step</th>")
                .append("<th scope=\"col\">Persona</th><th scope=\"col\">What happened</th><th scope=\"col\">Fix</th></tr></thead><tbody>\n");
        for (JsonNode i : issues) {
            String sev = text(i, "severity", "info");
            b.append("<tr><td><span class=\"sev sev-").append(Html.token(sev)).append("\">").append(esc(sev)).append("</span></td>")
                    .append("<td><code>").append(esc(text(i, "type", ""))).append("</code>");
            if (i.has("walks") && i.has("trials")) {
                b.append("<br><span class=\"muted\">in ").append(i.path("walks").asInt()).append('/').append(i.path("trials").asInt())
                        .append(" walks</span>");
            }
            b.append("</td><td>").append(code(ReportView.stepOf(i))).append("</td><td>")
                    .append(esc(i.hasNonNull("persona") ? r.personaName(i.path("persona").asText()) : "\u2014")).append("</td><td>")
                    .append(esc(text(i, "message", ""))).append("</td><td>").append(esc(text(i, "suggestion", ""))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    static void expectations(StringBuilder b, ReportView r) {
        List<JsonNode> exp = r.expectations();
        if (exp.isEmpty()) return;
        long passed = exp.stream().filter(e -> ReportView.expectationVerdict(e).equals("pass")).count();
        b.append("<section id=\"expectations\" aria-labelledby=\"expectations-h\">\n<h2 id=\"expectations-h\">Expectations (")
                .append(passed).append(" of ").append(exp.size()).append(" pass)</h2>\n");
        b.append("<table><thead><tr><th scope=\"col\">Expectation</th><th scope=\"col\">Persona</th><th scope=\"col\">Verdict</th>")
                .append("<th scope=\"col\">Pass rate</th><th scope=\"col\">Evidence</th></tr></thead><tbody>\n");
        for (JsonNode e : exp) {
            String v = ReportView.expectationVerdict(e);
            boolean intermittent = e.path("intermittent").asBoolean(false);
            b.append("<tr class=\"exp exp-").append(Html.token(v)).append("\"><td>").append(esc(text(e, "expectation", "")));
            if (e.path("excluded").asInt(0) > 0) {
                b.append("<br><span class=\"muted\">").append(e.path("excluded").asInt()).append(" walk(s) excluded</span>");
            }
            b.append("</td><td>").append(esc(r.personaName(text(e, "persona", "")))).append("</td><td><span class=\"verdict-small verdict-")
                    .append(Html.token(v)).append("\">").append(esc(v)).append("</span>");
            if (intermittent) b.append(" <span class=\"chip flaky\">intermittent</span>");
            b.append("</td><td>").append(esc(rate(e))).append("</td><td>").append(esc(text(e, "evidence", ""))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    /** "27/30 (90%, 95% CI 74–97%; needs ≥ 80%)", or "—" for a single-walk report. */
    static String rate(JsonNode e) {
        if (!e.has("passes") || !e.has("trials")) return "\u2014";
        StringBuilder s = new StringBuilder().append(e.path("passes").asInt()).append('/').append(e.path("trials").asInt());
        double rate = e.has("pass_rate") ? e.path("pass_rate").asDouble()
                : e.path("trials").asInt() == 0 ? 0 : e.path("passes").asDouble() / e.path("trials").asInt();
        s.append(" (").append(pct(rate));
        JsonNode iv = e.path("interval");
        if (iv.has("low") && iv.has("high")) s.append(", 95% interval ").append(pct(iv.path("low").asDouble())).append('\u2013')
                .append(pct(iv.path("high").asDouble()));
        if (e.has("min_pass_rate")) s.append("; needs \u2265 ").append(pct(e.path("min_pass_rate").asDouble()));
        return s.append(')').toString();
    }

    static void coverage(StringBuilder b, ReportView r) {
        JsonNode c = r.root().path("coverage");
        Map<String, ReportView.EdgeCoverage> edges = r.coverage();
        b.append("<section id=\"coverage\" aria-labelledby=\"coverage-h\">\n<h2 id=\"coverage-h\">Branch coverage</h2>\n<p>");
        if (c.has("covered") && c.path("transitions").isNumber()) {
            b.append(c.path("covered").asInt()).append(" of ").append(c.path("transitions").asInt()).append(" transitions taken (")
                    .append(c.path("percent").asInt()).append("%)");
        } else {
            long taken = edges.values().stream().filter(e -> e.count() > 0).count();
            b.append(taken).append(" of ").append(edges.size()).append(" transitions taken");
        }
        if (c.has("steps_visited")) b.append("; ").append(c.path("steps_visited").asInt()).append(" of ")
                .append(c.path("steps_total").asInt()).append(" steps visited");
        b.append(".</p>\n");
        StringBuilder list = new StringBuilder();
        edges.forEach((key, e) -> {
            if (e.count() == 0) list.append("<li><code>").append(esc(key)).append("</code>: ").append(esc(GraphSvg.describe(e))).append("</li>");
        });
        if (list.length() > 0) b.append("<ul class=\"untaken\">").append(list).append("</ul>\n");
        b.append("</section>\n");
    }

    static void recommendations(StringBuilder b, ReportView r) {
        List<String> recs = r.recommendations();
        if (recs.isEmpty()) return;
        b.append("<section id=\"recommendations\" aria-labelledby=\"recommendations-h\">\n<h2 id=\"recommendations-h\">Recommendations</h2>\n<ol>");
        for (String s : recs) b.append("<li>").append(esc(s)).append("</li>");
        b.append("</ol>\n</section>\n");
    }

    private static String code(String s) {
        return s == null ? "\u2014" : "<code>" + esc(s) + "</code>";
    }

    static String pct(double d) {
        return String.format(Locale.ROOT, "%.0f%%", d * 100);
    }
}
