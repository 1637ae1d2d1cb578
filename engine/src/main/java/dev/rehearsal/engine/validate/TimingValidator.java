package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowSettings;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Timing that can be judged without simulating: delays that wake a contact inside quiet hours, and
 * messages sent back to back. Real per-persona message counts come from the simulation.
 */
public final class TimingValidator implements WorkflowValidator {

    @Override
    public List<Issue> validate(Workflow workflow) {
        List<Issue> out = new ArrayList<>();
        StepGraph g = StepGraph.of(workflow);
        quietHours(g, out);
        bursts(g, out);
        return out;
    }

    private static void quietHours(StepGraph g, List<Issue> out) {
        WorkflowSettings st = g.workflow.settings();
        for (Step s : g.steps) {
            if (s.type() != StepType.DELAY || s.text("until") == null) continue;
            LocalTime until;
            try {
                until = LocalTime.parse(s.text("until"));
            } catch (DateTimeParseException e) {
                continue; // the schema pattern already rejects it
            }
            if (!st.inQuietHours(until)) continue;
            out.add(Issue.of(Severity.WARNING, "delay_until_quiet_hours", s.id(), g.workflow.pointerOf(s.id()) + "/config/until",
                    "delay '" + s.id() + "' waits until " + until + ", inside quiet hours (" + st.quietStart() + "–" + st.quietEnd()
                            + " contact time): whatever it sends next is held or lands at night",
                    "Wait until a daytime hour instead, e.g. \"until\": \"" + st.quietEnd().plusHours(2) + "\"."));
        }
    }

    /** Steps during which no simulated time passes and nothing is sent: tags, conditions, field updates, goals. */
    private static boolean instant(StepType t) {
        return !t.sendsMessage() && !StepGraph.passesTime(t) && t != StepType.END;
    }

    /**
     * A send followed by another send with only instant steps between. Linear: a reverse BFS from
     * every send through instant steps marks, for each instant step, a send it leads to without delay.
     */
    private static void bursts(StepGraph g, List<Issue> out) {
        int n = g.n;
        int[] predStart = new int[n + 1];
        for (int e = 0; e < g.targets.length; e++) predStart[g.targets[e] + 1]++;
        for (int v = 0; v < n; v++) predStart[v + 1] += predStart[v];
        int[] preds = new int[g.targets.length];
        int[] fill = java.util.Arrays.copyOf(predStart, n);
        for (int v = 0; v < n; v++) {
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) preds[fill[g.targets[e]]++] = v;
        }

        int[] nextSend = new int[n];
        java.util.Arrays.fill(nextSend, -1);
        int[] queue = new int[n];
        int size = 0;
        for (int s = 0; s < n; s++) {
            if (!g.type(s).sendsMessage()) continue;
            for (int k = predStart[s]; k < predStart[s + 1]; k++) {
                int p = preds[k];
                if (instant(g.type(p)) && nextSend[p] < 0) {
                    nextSend[p] = s;
                    queue[size++] = p;
                }
            }
        }
        for (int head = 0; head < size; head++) {
            int v = queue[head];
            for (int k = predStart[v]; k < predStart[v + 1]; k++) {
                int p = preds[k];
                if (instant(g.type(p)) && nextSend[p] < 0) {
                    nextSend[p] = nextSend[v];
                    queue[size++] = p;
                }
            }
        }

        for (int s : g.bfsOrder) {
            if (!g.type(s).sendsMessage()) continue;
            int follower = -1;
            for (int e = g.offsets[s]; e < g.offsets[s + 1] && follower < 0; e++) {
                int t = g.targets[e];
                if (g.type(t).sendsMessage()) follower = t;
                else if (instant(g.type(t))) follower = nextSend[t];
            }
            if (follower < 0) continue;
            Step a = g.steps[s], b = g.steps[follower];
            out.add(Issue.of(Severity.WARNING, "burst", a.id(), g.workflow.pointerOf(a.id()),
                    a.type().wireName() + " '" + a.id() + "' is followed by " + b.type().wireName() + " '" + b.id()
                            + "' with no delay or wait_for_reply between them: the contact gets both at the same moment",
                    "Insert a delay (e.g. \"2h\") or a wait_for_reply between '" + a.id() + "' and '" + b.id() + "', or merge the two messages."));
        }
    }
}
