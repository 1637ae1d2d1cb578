package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed, schema-checked workflow. Build one with {@link WorkflowParser}. */
public final class Workflow {
    private final String id;
    private final String name;
    private final String start;
    private final WorkflowSettings settings;
    private final List<Step> steps;
    /**
     * Step id to position (the first step with that id), so lookups, pointers and issue sorting stay O(1) on 100k-step
     * workflows. The one index: a second map from id to step held 100k more entries for the collector to copy.
     */
    private final Map<String, Integer> indexById;
    private final StepEdges edges;
    private final JsonNode source;

    public Workflow(String id, String name, String start, WorkflowSettings settings, List<Step> steps, JsonNode source) {
        this(id, name, start, settings, steps, source, index(steps), null);
    }

    /**
     * With the id index already built by the caller ({@link #index}) and, when not null, the edges resolved through it;
     * both are kept, not copied.
     */
    Workflow(String id, String name, String start, WorkflowSettings settings, List<Step> steps, JsonNode source,
             Map<String, Integer> indexById, StepEdges edges) {
        this.id = id;
        this.name = name;
        this.start = start;
        this.settings = settings;
        this.steps = List.copyOf(steps);
        this.indexById = indexById;
        this.edges = edges != null ? edges : StepEdges.of(this.steps, indexById);
        this.source = source;
    }

    /** Each step id's first position. */
    static Map<String, Integer> index(List<Step> steps) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) idx.putIfAbsent(steps.get(i).id(), i);
        return idx;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String start() { return start; }
    public WorkflowSettings settings() { return settings; }
    public List<Step> steps() { return steps; }
    public JsonNode source() { return source; }
    /** Every step's transitions as step positions. */
    public StepEdges edges() { return edges; }

    public Step step(String stepId) {
        int i = indexOf(stepId);
        return i < 0 ? null : steps.get(i);
    }

    public int indexOf(String stepId) {
        Integer i = stepId == null ? null : indexById.get(stepId);
        return i == null ? -1 : i;
    }

    /** JSON pointer of a step in the source document, for issue locations. */
    public String pointerOf(String stepId) {
        int i = indexOf(stepId);
        return i < 0 ? "" : "/steps/" + i;
    }
}
