package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.rehearsal.html.Html.esc;

/** The workflow graph with its legend, the persona path selector and zoom controls. */
final class GraphSection {
    private static final List<String> SEVERITY_ORDER = List.of("critical", "error", "warning", "info");

    private GraphSection() {
    }

    static void render(StringBuilder b, ReportView r, Workflow wf) {
        Map<String, ReportView.EdgeCoverage> coverage = r.coverage();
        LaidOutGraph graph = GraphLayout.of(wf, t -> label(t, coverage.get(t.key())));
        GraphSvg svg = new GraphSvg(graph);

        b.append("<section id=\"workflow\" aria-labelledby=\"workflow-h\">\n<h2 id=\"workflow-h\">Workflow</h2>\n");
        legend(b);
        b.append("<div class=\"toolbar\" role=\"toolbar\" aria-label=\"Highlight a persona's path\">")
                .append("<span class=\"toolbar-label\">Highlight a path:</span>");
        Map<String, List<String>> byPair = new HashMap<>();
        for (Step s : wf.steps()) {
            for (Transition t : s.transitions()) byPair.computeIfAbsent(t.from() + "\u0000" + t.to(), k -> new ArrayList<>()).add(t.key());
        }
        for (JsonNode p : r.personas()) {
            Set<String> keys = ReportView.personaTransitions(p, byPair);
            String edges = keys.stream().map(svg::edgeId).filter(Objects::nonNull).sorted().collect(Collectors.joining(" "));
            String nodes = ReportView.personaSteps(p).stream().map(svg::nodeId).filter(Objects::nonNull).sorted()
                    .collect(Collectors.joining(" "));
            b.append("<button type=\"button\" class=\"persona-select\" aria-pressed=\"false\" data-persona=\"")
                    .append(esc(ReportView.text(p, "id", ""))).append("\" data-edges=\"").append(edges)
                    .append("\" data-nodes=\"").append(nodes).append("\">")
                    .append(esc(ReportView.text(p, "name", ReportView.text(p, "id", "persona")))).append("</button>");
        }
        b.append("</div>\n<div class=\"toolbar\" role=\"toolbar\" aria-label=\"Zoom\">")
                .append("<button type=\"button\" id=\"zoom-out\" aria-label=\"Zoom out\">\u2212</button>")
                .append("<button type=\"button\" id=\"zoom-fit\">Fit</button>")
                .append("<button type=\"button\" id=\"zoom-in\" aria-label=\"Zoom in\">+</button>")
                .append("<span id=\"path-status\" role=\"status\" aria-live=\"polite\"></span></div>\n");
        b.append("<div class=\"graph-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Workflow graph, scrollable\">\n");
        b.append(svg.render(coverage, badges(r), wf.start()));
        b.append("</div>\n</section>\n");
    }

    /** The edge's label: its branch, and how often the walks took it. */
    static String label(Transition t, ReportView.EdgeCoverage c) {
        String name = GraphLayout.edgeLabel(t.label());
        if (c == null || c.count() == 0) return name;
        return name.isEmpty() ? "\u00d7" + c.count() : name + " \u00d7" + c.count();
    }

    private static void legend(StringBuilder b) {
        b.append("<ul class=\"legend\" aria-label=\"Legend\">")
                .append("<li><span class=\"swatch cov-covered\"></span>taken (\u00d7 how many times)</li>")
                .append("<li><span class=\"swatch cov-untaken\"></span>no persona took it</li>")
                .append("<li><span class=\"swatch cov-witnessed\"></span>witnessed by a scripted lead</li>")
                .append("<li><span class=\"swatch cov-unreachable\"></span>unreachable</li>")
                .append("<li><span class=\"swatch cov-unknown\"></span>unknown</li>")
                .append("<li><span class=\"badge-key sev-warning\">n</span>findings on the step</li></ul>\n");
    }

    static Map<String, GraphSvg.Badge> badges(ReportView r) {
        Map<String, GraphSvg.Badge> out = new HashMap<>();
        for (JsonNode i : r.issues()) {
            String step = ReportView.stepOf(i);
            if (step == null) continue;
            String sev = ReportView.text(i, "severity", "info");
            out.merge(step, new GraphSvg.Badge(1, sev), (a, c) -> new GraphSvg.Badge(a.count() + 1,
                    rank(a.severity()) <= rank(c.severity()) ? a.severity() : c.severity()));
        }
        return out;
    }

    private static int rank(String severity) {
        int i = SEVERITY_ORDER.indexOf(severity);
        return i < 0 ? SEVERITY_ORDER.size() : i;
    }
}
