package dev.rehearsal.html;

import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays the workflow out with Eclipse ELK's layered (Sugiyama) algorithm, top to bottom: steps as boxes
 * sized to their label, transitions as orthogonal edges with their branch label placed beside them.
 * Plain Java: the layered algorithm is registered once with ELK's meta-data service, no OSGi runtime.
 */
public final class GraphLayout {
    static final double CHAR_WIDTH = 7.2, NODE_HEIGHT = 44, LABEL_HEIGHT = 16, PADDING = 24;
    static final int MAX_LABEL = 30, LARGE = 100;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private GraphLayout() {
    }

    /** Lays out with the branch names as edge labels. */
    public static LaidOutGraph of(Workflow wf) {
        return of(wf, t -> edgeLabel(t.label()));
    }

    /** {@code labeler} gives each transition's label text (empty for none), e.g. its branch and how often it was taken. */
    public static LaidOutGraph of(Workflow wf, java.util.function.Function<Transition, String> labeler) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, org.eclipse.elk.core.options.EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 30.0);
        root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(PADDING));
        // Crossing minimisation dominates on long workflows (every long edge is a chain of dummy nodes): full effort
        // while it is cheap, the lightest above LARGE steps (200 steps: about 0.6 s of CPU instead of 0.9 s warm).
        root.setProperty(LayeredOptions.THOROUGHNESS, wf.steps().size() > LARGE ? 1 : 7);

        Map<String, ElkNode> nodes = new HashMap<>();
        for (Step s : wf.steps()) {
            if (nodes.containsKey(s.id())) continue;
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setIdentifier(s.id());
            String label = shorten(s.id());
            double typeWidth = s.type().wireName().length() * CHAR_WIDTH * 0.85;
            n.setDimensions(Math.max(110, Math.max(label.length() * CHAR_WIDTH, typeWidth) + 24), NODE_HEIGHT);
            nodes.put(s.id(), n);
        }
        Map<ElkEdge, Transition> edges = new java.util.LinkedHashMap<>();
        for (Step s : wf.steps()) {
            for (Transition t : s.transitions()) {
                ElkNode from = nodes.get(t.from()), to = nodes.get(t.to());
                if (from == null || to == null) continue; // a dangling target is a finding, not an edge
                ElkEdge e = ElkGraphUtil.createSimpleEdge(from, to);
                String label = labeler.apply(t);
                if (!label.isEmpty()) {
                    ElkLabel l = ElkGraphUtil.createLabel(label, e);
                    l.setDimensions(label.length() * CHAR_WIDTH * 0.85 + 8, LABEL_HEIGHT);
                    l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
                }
                edges.put(e, t);
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<LaidOutGraph.Node> outNodes = new ArrayList<>();
        for (Step s : wf.steps()) {
            ElkNode n = nodes.get(s.id());
            if (n == null || outNodes.stream().anyMatch(o -> o.id().equals(s.id()))) continue;
            outNodes.add(new LaidOutGraph.Node(s.id(), s.type().wireName(), shorten(s.id()), n.getX(), n.getY(),
                    n.getWidth(), n.getHeight()));
        }
        List<LaidOutGraph.Edge> outEdges = new ArrayList<>();
        edges.forEach((e, t) -> {
            List<LaidOutGraph.Point> pts = new ArrayList<>();
            for (ElkEdgeSection sec : e.getSections()) {
                pts.add(new LaidOutGraph.Point(sec.getStartX(), sec.getStartY()));
                sec.getBendPoints().forEach(b -> pts.add(new LaidOutGraph.Point(b.getX(), b.getY())));
                pts.add(new LaidOutGraph.Point(sec.getEndX(), sec.getEndY()));
            }
            LaidOutGraph.Point at = e.getLabels().isEmpty() ? null
                    : new LaidOutGraph.Point(e.getLabels().get(0).getX(), e.getLabels().get(0).getY());
            String label = e.getLabels().isEmpty() ? "" : e.getLabels().get(0).getText();
            outEdges.add(new LaidOutGraph.Edge(t.key(), t.from(), t.to(), label, pts, at));
        });
        return new LaidOutGraph(root.getWidth(), root.getHeight(), outNodes, outEdges);
    }

    /** "next" needs no label; "branch:yes" reads as "yes". */
    public static String edgeLabel(String label) {
        if (label.equals("next")) return "";
        if (label.startsWith("branch:")) return shorten(label.substring("branch:".length()));
        return label.replace('_', ' ');
    }

    static String shorten(String s) {
        return s.length() <= MAX_LABEL ? s : s.substring(0, MAX_LABEL - 1) + "…";
    }
}
