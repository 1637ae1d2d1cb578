package dev.rehearsal.html;

import java.util.List;

/** The workflow graph with coordinates: what the SVG draws. All positions are in pixels from the top left. */
public record LaidOutGraph(double width, double height, List<Node> nodes, List<Edge> edges) {

    public record Node(String id, String type, String label, double x, double y, double width, double height) {
        public boolean overlaps(Node o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }
    }

    /** {@code key} is the transition's coverage key ("from -[label]-> to"). */
    public record Edge(String key, String from, String to, String label, List<Point> points, Point labelAt) {
    }

    public record Point(double x, double y) {
    }
}
