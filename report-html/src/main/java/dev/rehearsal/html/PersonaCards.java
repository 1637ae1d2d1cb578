package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

import static dev.rehearsal.html.Html.esc;
import static dev.rehearsal.html.ReportView.text;

/** One card per persona: how its walks ended, its pass rate, and its path distribution. */
final class PersonaCards {
    private PersonaCards() {
    }

    static void render(StringBuilder b, ReportView r) {
        b.append("<section id=\"personas\" aria-labelledby=\"personas-h\">\n<h2 id=\"personas-h\">Personas</h2>\n<div class=\"cards\">\n");
        for (JsonNode p : r.personas()) card(b, r, p);
        b.append("</div>\n</section>\n");
    }

    private static void card(StringBuilder b, ReportView r, JsonNode p) {
        String id = text(p, "id", "");
        b.append("<article class=\"card persona\" aria-labelledby=\"persona-").append(Html.token(id)).append("\">");
        b.append("<h3 id=\"persona-").append(Html.token(id)).append("\">").append(esc(text(p, "name", id))).append("</h3>");
        b.append("<dl class=\"facts\">");
        fact(b, "ended", text(p, "end_reason", null));
        if (p.path("walks").isNumber()) fact(b, "walks", p.path("walks").asText());
        List<String> goals = ReportView.strings(p.path("goals"));
        fact(b, "goals", goals.isEmpty() ? "none" : String.join(", ", goals));
        fact(b, "messages sent", text(p, "messages_sent", null));
        fact(b, "replies", text(p, "replies", null));
        List<String> opted = ReportView.strings(p.path("opted_out"));
        if (!opted.isEmpty()) fact(b, "opted out of", String.join(", ", opted));
        if (p.path("likely_to_convert").isNumber()) fact(b, "likely to convert", p.path("likely_to_convert").asInt() + "%");
        fact(b, "expectations", passRate(r, id));
        if (p.path("causes").isObject()) {
            StringBuilder c = new StringBuilder();
            p.path("causes").fields().forEachRemaining(e -> c.append(c.length() == 0 ? "" : ", ")
                    .append(e.getKey().replace('_', ' ')).append(' ').append(e.getValue().asText()));
            fact(b, "walks ended by", c.toString());
        }
        b.append("</dl>");
        List<ReportView.PathShare> paths = ReportView.paths(p);
        b.append("<h4>").append(paths.size() == 1 ? "Path" : paths.size() + " distinct paths").append("</h4><ol class=\"paths\">");
        for (ReportView.PathShare path : paths) {
            b.append("<li>");
            if (paths.size() > 1 || p.path("paths").isArray()) {
                double share = path.share() == null ? 0 : path.share();
                b.append("<meter min=\"0\" max=\"1\" value=\"").append(String.format(Locale.ROOT, "%.3f", share))
                        .append("\" aria-label=\"share of walks\"></meter> <span class=\"share\">")
                        .append(Math.round(share * 100)).append("% (").append(path.count()).append(" walk")
                        .append(path.count() == 1 ? "" : "s").append(")</span> ");
            }
            b.append("<span class=\"path\">").append(esc(String.join(" \u2192 ", path.steps()))).append("</span></li>");
        }
        b.append("</ol></article>\n");
    }

    /** Pass rate of this persona's expectations: summed walks when the report has rates, else results. */
    static String passRate(ReportView r, String personaId) {
        int passes = 0, trials = 0;
        boolean rates = false;
        for (JsonNode e : r.expectations()) {
            if (!personaId.equals(text(e, "persona", null))) continue;
            if (e.has("passes") && e.has("trials")) {
                rates = true;
                passes += e.path("passes").asInt();
                trials += e.path("trials").asInt();
            } else {
                trials++;
                if (e.path("passed").asBoolean(false)) passes++;
            }
        }
        if (trials == 0) return null;
        return passes + " of " + trials + (rates ? " checks over all walks" : "") + " passed";
    }

    private static void fact(StringBuilder b, String name, String value) {
        if (value == null) return;
        b.append("<div><dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd></div>");
    }
}
