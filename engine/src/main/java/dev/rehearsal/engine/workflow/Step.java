package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a workflow. The type-specific settings stay in {@code config} (already checked
 * against the schema); typed accessors read them.
 */
public record Step(String id, StepType type, String name, JsonNode config, String next,
                   String onReply, String onTimeout, List<Branch> branches, String defaultNext, String onFailure) {

    /** A step without a failure exit (every type but external_call). */
    public Step(String id, StepType type, String name, JsonNode config, String next,
                String onReply, String onTimeout, List<Branch> branches, String defaultNext) {
        this(id, type, name, config, next, onReply, onTimeout, branches, defaultNext, null);
    }

    public Step {
        config = config == null ? JsonNodeFactory.instance.objectNode() : config;
        branches = branches == null ? List.of() : List.copyOf(branches);
    }

    public String text(String field) {
        JsonNode n = config.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    public boolean flag(String field) {
        return config.path(field).asBoolean(false);
    }

    /** Message body for sends, message for team notifications. */
    public String body() {
        return type == StepType.NOTIFY_TEAM ? text("message") : text("body");
    }

    public String subject() {
        return text("subject");
    }

    public Duration duration() {
        String d = text("duration");
        return d == null ? null : Durations.parse(d);
    }

    public Duration timeout() {
        String d = text("timeout");
        return d == null ? null : Durations.parse(d);
    }

    /** Outgoing edges in declaration order (branches, then default). */
    public List<Transition> transitions() {
        List<Transition> out = new ArrayList<>();
        if (next != null) out.add(new Transition(id, "next", next));
        if (onReply != null) out.add(new Transition(id, "on_reply", onReply));
        if (onTimeout != null) out.add(new Transition(id, "on_timeout", onTimeout));
        for (int i = 0; i < branches.size(); i++) {
            Branch b = branches.get(i);
            out.add(new Transition(id, "branch:" + branchLabel(i), b.next()));
        }
        if (defaultNext != null) out.add(new Transition(id, "default", defaultNext));
        if (onFailure != null) out.add(new Transition(id, "on_failure", onFailure));
        return out;
    }

    /** Where the outgoing edges lead, in {@link #transitions()} order, without building the transitions. */
    public List<String> targets() {
        List<String> out = new ArrayList<>(branches.size() + 2);
        if (next != null) out.add(next);
        if (onReply != null) out.add(onReply);
        if (onTimeout != null) out.add(onTimeout);
        for (Branch b : branches) out.add(b.next());
        if (defaultNext != null) out.add(defaultNext);
        if (onFailure != null) out.add(onFailure);
        return out;
    }

    public String branchLabel(int index) {
        String l = branches.get(index).label();
        return l == null || l.isBlank() ? String.valueOf(index + 1) : l;
    }
}
