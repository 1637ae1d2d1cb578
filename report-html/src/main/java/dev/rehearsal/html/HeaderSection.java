package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import static dev.rehearsal.html.Html.esc;

/** The verdict header: pass / fail / flaky / undecided / inconclusive, the score, what failed in one sentence, the run. */
final class HeaderSection {
    static final Map<String, String> VERDICT_WORDS = Map.of("pass", "Pass", "fail", "Fail", "flaky", "Flaky",
            "undecided", "Undecided", "inconclusive", "Inconclusive");

    private HeaderSection() {
    }

    static void render(StringBuilder b, ReportView r) {
        String verdict = r.verdict();
        b.append("<header class=\"top\">\n<h1>Rehearsal report: ").append(esc(r.workflowName())).append("</h1>\n");
        b.append("<div class=\"verdict-line\"><span class=\"verdict verdict-").append(Html.token(verdict)).append("\" id=\"verdict\">")
                .append(esc(VERDICT_WORDS.getOrDefault(verdict, verdict))).append("</span>");
        if (verdict.equals("flaky")) {
            b.append("<span class=\"verdict-note\">").append(r.failed() ? "failing" : "passing")
                    .append(", with intermittent expectations</span>");
        }
        if (r.score() != null) b.append("<span class=\"score\">score <strong>").append(r.score()).append("</strong>/100</span>");
        b.append("</div>\n");
        String headline = r.headline();
        if (headline != null) b.append("<p class=\"headline\" id=\"headline\">").append(esc(headline)).append("</p>\n");
        if (!r.summary().isEmpty()) b.append("<p class=\"summary\">").append(esc(r.summary())).append("</p>\n");
        runFacts(b, r.run(), r.root());
        b.append("</header>\n");
    }

    private static void runFacts(StringBuilder b, JsonNode run, JsonNode root) {
        b.append("<dl class=\"run-facts\">");
        fact(b, "responder", ReportView.text(run, "responder", null));
        fact(b, "seed", ReportView.text(run, "seed", null));
        fact(b, "start (contact-local)", ReportView.text(run, "start_at", null));
        if (run.path("walks").isNumber() || run.path("walks").isTextual()) fact(b, "walks per persona", run.path("walks").asText());
        JsonNode sb = root.path("score_breakdown");
        if (sb.isObject()) {
            fact(b, "score breakdown", "100 " + sb.path("issues").asInt() + " (findings) " + sb.path("expectations").asInt()
                    + " (expectations) " + sb.path("coverage").asInt() + " (coverage)"
                    + (sb.path("critical_cap").asBoolean(false) ? ", capped at 40 by a critical finding" : ""));
        }
        b.append("</dl>\n");
    }

    private static void fact(StringBuilder b, String name, String value) {
        if (value == null) return;
        b.append("<div><dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd></div>");
    }
}
