package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Map;

/** A validated state machine (or a Parallel branch / Map item processor, which have the same shape). */
public final class StateMachine {
    private final String startAt;
    private final Map<String, State> states;
    private final QueryLanguage queryLanguage;
    private final Integer timeoutSeconds;
    private final JsonNode definition;
    private final String name;

    StateMachine(String name, String startAt, Map<String, State> states, QueryLanguage queryLanguage,
                 Integer timeoutSeconds, JsonNode definition) {
        this.name = name;
        this.startAt = startAt;
        this.states = Collections.unmodifiableMap(states);
        this.queryLanguage = queryLanguage;
        this.timeoutSeconds = timeoutSeconds;
        this.definition = definition;
    }

    /** Parses and validates a definition; {@code ${Name}} placeholders are replaced from substitutions first. */
    public static StateMachine parse(String json, Map<String, String> substitutions) {
        return new DefinitionParser(substitutions).parse(json);
    }

    public static StateMachine parse(String json) { return parse(json, Map.of()); }

    public static StateMachine parse(JsonNode definition) { return new DefinitionParser(Map.of()).parse(definition); }

    public String name() { return name; }
    public String startAt() { return startAt; }
    public Map<String, State> states() { return states; }
    public State state(String name) { return states.get(name); }
    public QueryLanguage queryLanguage() { return queryLanguage; }
    public Integer timeoutSeconds() { return timeoutSeconds; }
    public JsonNode definition() { return definition; }

    StateMachine named(String newName) {
        return new StateMachine(newName, startAt, states, queryLanguage, timeoutSeconds, definition);
    }
}
