package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One parsed state: its raw fields plus the pieces the executor looks up on every visit. */
public final class State {
    public enum Type { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map }

    private final String name;
    private final Type type;
    private final JsonNode node;
    private final QueryLanguage queryLanguage;
    private final String next;
    private final boolean end;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;
    private final List<StateMachine> branches;
    private final StateMachine itemProcessor;
    private final String resource;

    State(String name, Type type, JsonNode node, QueryLanguage queryLanguage, String next, boolean end,
          List<Retrier> retriers, List<Catcher> catchers, List<StateMachine> branches,
          StateMachine itemProcessor, String resource) {
        this.name = name;
        this.type = type;
        this.node = node;
        this.queryLanguage = queryLanguage;
        this.next = next;
        this.end = end;
        this.retriers = retriers;
        this.catchers = catchers;
        this.branches = branches;
        this.itemProcessor = itemProcessor;
        this.resource = resource;
    }

    public String name() { return name; }
    public Type type() { return type; }
    public JsonNode node() { return node; }
    public QueryLanguage queryLanguage() { return queryLanguage; }
    public boolean jsonata() { return queryLanguage == QueryLanguage.JSONATA; }
    public String next() { return next; }
    public boolean end() { return end; }
    public List<Retrier> retriers() { return retriers; }
    public List<Catcher> catchers() { return catchers; }
    public List<StateMachine> branches() { return branches; }
    public StateMachine itemProcessor() { return itemProcessor; }
    public String resource() { return resource; }

    /** A field, or null when absent. */
    public JsonNode field(String f) { return node.get(f); }
    public boolean has(String f) { return node.has(f); }
    public String text(String f) {
        JsonNode n = node.get(f);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** One entry of a Retry list. */
    public record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
                          Double maxDelaySeconds, String jitterStrategy) {}

    /** One entry of a Catch list. */
    public record Catcher(List<String> errorEquals, String next, JsonNode resultPath, boolean hasResultPath,
                          JsonNode output, JsonNode assign) {}
}
