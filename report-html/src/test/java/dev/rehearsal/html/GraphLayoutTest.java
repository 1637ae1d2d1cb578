package dev.rehearsal.html;

import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphLayoutTest {

    /** n steps: a ladder of conditions, each with a branch that skips ahead three steps and one back to the start. */
    static Workflow ladder(int n) {
        StringBuilder b = new StringBuilder("{\"id\":\"ladder\",\"name\":\"Ladder\",\"start\":\"s0\",\"steps\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(',');
            String next = i + 1 < n ? "s" + (i + 1) : null;
            if (next == null) b.append("{\"id\":\"s").append(i).append("\",\"type\":\"end\"}");
            else if (i % 3 == 0) {
                String skip = "s" + Math.min(n - 1, i + 3);
                b.append("{\"id\":\"s").append(i).append("\",\"type\":\"condition\",\"branches\":[{\"label\":\"hot lead\",")
                        .append("\"when\":{\"replied\":true},\"next\":\"").append(skip).append("\"}],\"default\":\"").append(next).append("\"}");
            } else {
                b.append("{\"id\":\"s").append(i).append("\",\"type\":\"add_tag\",\"config\":{\"tag\":\"t").append(i)
                        .append("\"},\"next\":\"").append(next).append("\"}");
            }
        }
        return WorkflowParser.parseOrThrow(b.append("]}").toString());
    }

    /**
     * n steps (a multiple of 4) in blocks of text, wait, condition and tag, where every condition's opt-out branch
     * goes to one shared end step: long edges across the whole graph, the costly shape for a layered layout.
     */
    static Workflow sharedEnd(int n) {
        StringBuilder b = new StringBuilder("{\"id\":\"shared\",\"name\":\"Shared end\",\"start\":\"sms0\",\"steps\":[");
        int blocks = n / 4;
        for (int i = 0; i < blocks; i++) {
            boolean last = i + 1 == blocks;
            String next = last ? "end" : "sms" + (i + 1);
            b.append("{\"id\":\"sms").append(i).append("\",\"type\":\"send_sms\",\"config\":{\"body\":\"Hi\"},\"next\":\"wait").append(i).append("\"},")
                    .append("{\"id\":\"wait").append(i).append("\",\"type\":\"wait_for_reply\",\"config\":{\"timeout\":\"1d\"},\"on_reply\":\"route")
                    .append(i).append("\",\"on_timeout\":\"").append(next).append("\"},")
                    .append("{\"id\":\"route").append(i).append("\",\"type\":\"condition\",\"branches\":[{\"label\":\"opted out\",")
                    .append("\"when\":{\"opted_out\":\"sms\"},\"next\":\"end\"}],\"default\":\"").append(last ? "end" : "tag" + i).append("\"},");
            if (!last) b.append("{\"id\":\"tag").append(i).append("\",\"type\":\"add_tag\",\"config\":{\"tag\":\"t\"},\"next\":\"").append(next).append("\"},");
        }
        return WorkflowParser.parseOrThrow(b.append("{\"id\":\"end\",\"type\":\"end\"}]}").toString());
    }

    @Test
    void aSharedEndReachedFromEveryBlockStillLaysOutWithoutOverlaps() {
        LaidOutGraph g = GraphLayout.of(sharedEnd(200));
        assertEquals(200, g.nodes().size());
        for (int i = 0; i < g.nodes().size(); i++) {
            for (int j = i + 1; j < g.nodes().size(); j++) {
                assertTrue(!g.nodes().get(i).overlaps(g.nodes().get(j)), g.nodes().get(i).id() + "/" + g.nodes().get(j).id());
            }
        }
    }

    @Test
    void twoHundredStepsLayOutWithoutOverlapsAndEveryEdgeJoinsItsSteps() {
        Workflow wf = ladder(200);
        LaidOutGraph g = GraphLayout.of(wf);

        assertEquals(200, g.nodes().size());
        assertEquals(wf.steps().stream().mapToInt(s -> s.transitions().size()).sum(), g.edges().size());
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            for (int j = i + 1; j < g.nodes().size(); j++) {
                if (g.nodes().get(i).overlaps(g.nodes().get(j))) overlaps.add(g.nodes().get(i).id() + "/" + g.nodes().get(j).id());
            }
        }
        assertEquals(List.of(), overlaps);
        for (LaidOutGraph.Edge e : g.edges()) {
            assertTrue(e.points().size() >= 2, e.key());
            assertTrue(touches(node(g, e.from()), e.points().get(0)), e.key() + " starts at its step");
            assertTrue(touches(node(g, e.to()), e.points().get(e.points().size() - 1)), e.key() + " ends at its step");
        }
        for (LaidOutGraph.Node n : g.nodes()) {
            assertTrue(n.x() >= 0 && n.y() >= 0 && n.x() + n.width() <= g.width() && n.y() + n.height() <= g.height(), n.id());
        }
    }

    @Test
    void branchLabelsAreShownWithoutThePrefixAndNextEdgesUnlabelled() {
        LaidOutGraph g = GraphLayout.of(ladder(7));
        assertTrue(g.edges().stream().anyMatch(e -> e.label().equals("hot lead") && e.labelAt() != null));
        assertTrue(g.edges().stream().filter(e -> e.key().contains("-[next]->")).allMatch(e -> e.label().isEmpty()));
        assertEquals("on reply", GraphLayout.edgeLabel("on_reply"));
    }

    static LaidOutGraph.Node node(LaidOutGraph g, String id) {
        return g.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    static boolean touches(LaidOutGraph.Node n, LaidOutGraph.Point p) {
        double slack = 1.0;
        return p.x() >= n.x() - slack && p.x() <= n.x() + n.width() + slack
                && p.y() >= n.y() - slack && p.y() <= n.y() + n.height() + slack;
    }
}
