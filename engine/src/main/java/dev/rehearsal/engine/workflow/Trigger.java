package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * How a contact enters a workflow. {@code enrolled} (the default): the workflow acts first.
 * {@code inbound}: the lead writes first (a keyword opt-in, a question to a bot); the simulation
 * opens with that message, stored in the contact field {@link #saveTo()}.
 */
public record Trigger(String type, String channel, String prompt, String openingMessage, String saveTo) {
    public static final String DEFAULT_FIELD = "opening_message";

    public boolean inbound() {
        return "inbound".equals(type);
    }

    /** Read from the workflow's source (the schema has checked it); enrolled when absent. */
    public static Trigger of(Workflow wf) {
        JsonNode t = wf.source() == null ? MissingNode.getInstance() : wf.source().path("trigger");
        return new Trigger(t.path("type").asText("enrolled"), t.path("channel").asText("sms"),
                t.hasNonNull("prompt") ? t.get("prompt").asText() : null,
                t.hasNonNull("opening_message") ? t.get("opening_message").asText() : null,
                t.path("save_to").asText(DEFAULT_FIELD));
    }
}
