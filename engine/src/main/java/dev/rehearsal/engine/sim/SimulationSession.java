package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.persona.Persona;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything needed to execute the next step of one persona's simulation. A Lambda stores this
 * between steps (in DynamoDB, never in the state machine's payload); the local loop keeps it in memory.
 */
public final class SimulationSession {
    @JsonProperty("workflow_id")
    public String workflowId;
    @JsonProperty("persona_id")
    public String personaId;
    /** The persona as it was when the run started: a later edit or delete cannot change a run in flight. */
    public Persona persona;
    public long seed;
    /** Which of the run's walks this is (0-based); with the seed it keys every random draw. */
    public int walk;
    /** Current step to execute; null once the simulation has finished. */
    @JsonProperty("step_id")
    public String stepId;
    /** Steps executed so far; also the index of the next interaction. */
    @JsonProperty("step_index")
    public int stepIndex;
    /** Virtual clock, epoch milliseconds. */
    public long clock;
    @JsonProperty("started_at")
    public long startedAt;
    public String timezone;
    @JsonProperty("end_reason")
    public EndReason endReason;
    public ContactState contact;
    public List<Turn> transcript = new ArrayList<>();
    /** Visits per step, for the runtime loop guard. */
    public TreeMap<String, Integer> visits = new TreeMap<>();
    @JsonProperty("likely_to_convert")
    public Integer likelyToConvert;
    public Usage usage = Usage.NONE;

    public boolean done() {
        return stepId == null;
    }

    public SimulationSession copy() {
        return Json.mapper().convertValue(Json.tree(this), SimulationSession.class);
    }
}
