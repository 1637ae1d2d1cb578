package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;

import java.util.List;

/**
 * How a run's walks are cut into the Distributed Map's items (statemachine/test-run.asl.json): each item is
 * {personaId, firstWalk, lastWalk}, a range of one persona's walks that one child execution walks.
 * <ul>
 *   <li>offline engine: {@value #OFFLINE_WALKS_PER_BATCH} walks per item, all walked by one Lambda invocation
 *       in an Express child (a walk costs microseconds; the invoke and the transitions were the cost);</li>
 *   <li>LLM provider: as many walks per Standard child as its 25,000-event history holds, each walk stepped
 *       durably one step per invocation (a retry never repeats a paid call).</li>
 * </ul>
 * Items are ids and a range only (DESIGN invariant 1): 25,000 walks make 500 offline items, ~40 KB of state.
 */
public final class WalkPlan {
    public static final int OFFLINE_WALKS_PER_BATCH = 50;
    /** History events one step of a stepped walk may add: Choice (2) + Task (5) + a retry's 3. */
    public static final int EVENTS_PER_STEP = 10;
    /** Per stepped walk besides its steps: Map iteration (2), InitSimulation and FinishSimulation (5 each), last Choice (2). */
    public static final int EVENTS_PER_WALK = 14;
    /** Under AWS's 25,000 events per execution, leaving room for the child's own few states. */
    public static final int CHILD_HISTORY_BUDGET = 24_000;

    private WalkPlan() {
    }

    /** Walks one stepped (LLM) child execution may hold for this max_steps; 0 when not even one fits. */
    public static int steppedWalksPerChild(int maxSteps) {
        long fit = CHILD_HISTORY_BUDGET / ((long) Math.max(1, maxSteps) * EVENTS_PER_STEP + EVENTS_PER_WALK);
        // The child lists its walk indexes with States.ArrayRange, which makes at most 1,000.
        return (int) Math.min(fit, 1000);
    }

    /** Why a run with this max_steps cannot be stepped, or null: one walk must fit one child execution's history. */
    public static String steppedProblem(int maxSteps) {
        if (steppedWalksPerChild(maxSteps) >= 1) return null;
        long events = (long) maxSteps * EVENTS_PER_STEP + EVENTS_PER_WALK;
        return "max_steps " + maxSteps + " could need " + events + " state-machine events for one walk, over the "
                + CHILD_HISTORY_BUDGET + " one child execution may use (Step Functions keeps 25,000 events per execution)";
    }

    /** The items: each persona's walks 0..walks-1 in ranges of at most perItem. */
    public static ArrayNode items(List<String> personaIds, int walks, int perItem) {
        return items(personaIds, 0, walks, perItem);
    }

    /** The items of one look of a runs-auto run: each persona's walks from..walks-1 (the new walks only). */
    public static ArrayNode items(List<String> personaIds, int from, int walks, int perItem) {
        if (perItem < 1) throw new IllegalArgumentException("perItem must be >= 1");
        ArrayNode out = Json.mapper().createArrayNode();
        for (String p : personaIds) {
            for (int first = from; first < walks; first += perItem) {
                ObjectNode item = out.addObject();
                item.put("personaId", p);
                item.put("firstWalk", first);
                item.put("lastWalk", Math.min(walks, first + perItem) - 1);
            }
        }
        return out;
    }
}
