package dev.rehearsal.html;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.rehearsal.html.Html.esc;

/**
 * The laid-out workflow as inline SVG: a box per step (class by step type), a path per transition (class by
 * coverage status), finding badges on their step. Element ids ({@code n0}, {@code e0}) let the page's script
 * highlight a persona's path.
 */
final class GraphSvg {
    /** Statuses a transition can have; "untaken" is what reports before coverage statuses call not covered. */
    static final List<String> STATUSES = List.of("covered", "witnessed", "unreachable", "unknown", "untaken");

    private final LaidOutGraph graph;
    private final Map<String, String> nodeIds = new HashMap<>();
    private final Map<String, String> edgeIds = new HashMap<>();

    GraphSvg(LaidOutGraph graph) {
        this.graph = graph;
        for (int i = 0; i < graph.nodes().size(); i++) nodeIds.put(graph.nodes().get(i).id(), "n" + i);
        for (int i = 0; i < graph.edges().size(); i++) edgeIds.put(graph.edges().get(i).key(), "e" + i);
    }

    String nodeId(String stepId) {
        return nodeIds.get(stepId);
    }

    String edgeId(String key) {
        return edgeIds.get(key);
    }

    /** Findings on one step: how many, and the worst severity. */
    record Badge(int count, String severity) {
    }

    String render(Map<String, ReportView.EdgeCoverage> coverage, Map<String, Badge> badges, String start) {
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"graph-title\" width=\"")
                .append(num(graph.width())).append("\" height=\"").append(num(graph.height())).append("\" viewBox=\"0 0 ")
                .append(num(graph.width())).append(' ').append(num(graph.height())).append("\" data-width=\"")
                .append(num(graph.width())).append("\" data-height=\"").append(num(graph.height())).append("\">\n");
        b.append("<title id=\"graph-title\">Workflow graph: ").append(graph.nodes().size()).append(" steps, ")
                .append(graph.edges().size()).append(" transitions</title>\n<defs>");
        for (String s : STATUSES) {
            b.append("<marker id=\"arrow-").append(s).append("\" class=\"arrow-").append(s)
                    .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" orient=\"auto-start-reverse\">")
                    .append("<path d=\"M0,0 L10,5 L0,10 z\"/></marker>");
        }
        b.append("</defs>\n<g class=\"edges\">\n");
        for (LaidOutGraph.Edge e : graph.edges()) {
            ReportView.EdgeCoverage c = coverage.getOrDefault(e.key(), new ReportView.EdgeCoverage("untaken", 0, null));
            String status = STATUSES.contains(c.status()) ? c.status() : "unknown";
            b.append("<g class=\"edge cov-").append(status).append("\" id=\"").append(edgeId(e.key()))
                    .append("\" data-key=\"").append(esc(e.key())).append("\" data-from=\"").append(esc(nodeId(e.from()))).append("\" data-to=\"").append(esc(nodeId(e.to())))
                    .append("\" data-count=\"").append(c.count()).append("\">");
            b.append("<title>").append(esc(e.key())).append(": ").append(describe(c)).append("</title>");
            b.append("<path d=\"");
            for (int i = 0; i < e.points().size(); i++) {
                LaidOutGraph.Point p = e.points().get(i);
                b.append(i == 0 ? "M" : " L").append(num(p.x())).append(',').append(num(p.y()));
            }
            b.append("\" marker-end=\"url(#arrow-").append(status).append(")\"/>");
            if (e.labelAt() != null && !e.label().isEmpty()) {
                b.append("<text x=\"").append(num(e.labelAt().x() + 4)).append("\" y=\"").append(num(e.labelAt().y() + 12))
                        .append("\">").append(esc(e.label())).append("</text>");
            }
            b.append("</g>\n");
        }
        b.append("</g>\n<g class=\"nodes\">\n");
        for (LaidOutGraph.Node n : graph.nodes()) {
            Badge badge = badges.get(n.id());
            b.append("<g class=\"node type-").append(Html.token(n.type())).append(n.id().equals(start) ? " start" : "").append("\" id=\"").append(nodeId(n.id()))
                    .append("\" data-step=\"").append(esc(n.id())).append("\">");
            b.append("<title>").append(esc(n.id())).append(" (").append(esc(n.type().replace('_', ' '))).append(')');
            if (badge != null) b.append(", ").append(badge.count()).append(" finding(s), worst ").append(badge.severity());
            b.append("</title>");
            b.append("<rect x=\"").append(num(n.x())).append("\" y=\"").append(num(n.y())).append("\" width=\"")
                    .append(num(n.width())).append("\" height=\"").append(num(n.height())).append("\" rx=\"7\"/>");
            double cx = n.x() + n.width() / 2;
            b.append("<text class=\"step-id\" x=\"").append(num(cx)).append("\" y=\"").append(num(n.y() + 19))
                    .append("\" text-anchor=\"middle\">").append(esc(n.label())).append("</text>");
            b.append("<text class=\"step-type\" x=\"").append(num(cx)).append("\" y=\"").append(num(n.y() + 35))
                    .append("\" text-anchor=\"middle\">").append(esc(n.type().replace('_', ' '))).append("</text>");
            if (badge != null) {
                double bx = n.x() + n.width() - 2, by = n.y() + 2;
                b.append("<g class=\"badge sev-").append(Html.token(badge.severity())).append("\"><circle cx=\"").append(num(bx))
                        .append("\" cy=\"").append(num(by)).append("\" r=\"10\"/><text x=\"").append(num(bx)).append("\" y=\"")
                        .append(num(by + 4)).append("\" text-anchor=\"middle\">").append(badge.count()).append("</text></g>");
            }
            b.append("</g>\n");
        }
        b.append("</g>\n</svg>\n");
        return b.toString();
    }

    static String describe(ReportView.EdgeCoverage c) {
        String s = switch (c.status()) {
            case "covered" -> "taken " + c.count() + " time" + (c.count() == 1 ? "" : "s");
            case "untaken" -> "no persona took it";
            default -> c.status();
        };
        return c.reason() == null ? s : s + " (" + c.reason() + ")";
    }

    static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
