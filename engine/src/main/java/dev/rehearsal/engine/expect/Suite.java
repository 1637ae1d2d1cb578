package dev.rehearsal.engine.expect;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rehearsal.engine.stats.Runs;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A parsed suite. {@code workflowRef} is a file path when {@code workflowInline} is null;
 * {@code personaRefs} holds ids or inline persona objects, empty meaning all built-ins; {@code runs}
 * (null: the responder's default) is how many walks each persona takes.
 */
public record Suite(String id, String name, String workflowRef, JsonNode workflowInline, List<JsonNode> personaRefs,
                    Long seed, LocalDateTime startAt, Integer maxSteps, List<Expectation> expectations, Runs runs) {
}
