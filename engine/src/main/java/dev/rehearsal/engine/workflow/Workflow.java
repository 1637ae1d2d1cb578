package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed, schema-checked workflow. Build one with {@link WorkflowParser}. */
public final class Workflow {
    private final String id;
    private final String name;
    private final String start;
    private final WorkflowSettings settings;
    private final List<Step> steps;
    private final Map<String, Step> byId;
    /** Step id to position, so pointers and issue sorting stay O(1) on 100k-step workflows. */
    private final Map<String, Integer> indexById;
    private final JsonNode source;

    public Workflow(String id, String name, String start, WorkflowSettings settings, List<Step> steps, JsonNode source) {
        this.id = id;
        this.name = name;
        this.start = start;
        this.settings = settings;
        this.steps = List.copyOf(steps);
        Map<String, Step> m = new LinkedHashMap<>();
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            m.putIfAbsent(s.id(), s);
            idx.putIfAbsent(s.id(), i);
        }
        this.byId = Collections.unmodifiableMap(m);
        this.indexById = idx;
        this.source = source;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String start() { return start; }
    public WorkflowSettings settings() { return settings; }
    public List<Step> steps() { return steps; }
    public JsonNode source() { return source; }

    public Step step(String stepId) {
        return byId.get(stepId);
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
