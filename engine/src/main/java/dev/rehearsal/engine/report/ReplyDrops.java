package dev.rehearsal.engine.report;

import dev.rehearsal.engine.sim.InstantText;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Durations;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Trigger;
import dev.rehearsal.engine.workflow.Workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code reply_dropped}: a reply that arrived after the wait_for_reply waiting for it had timed out,
 * and that no later step read (no later wait took a reply, no later condition tested replies after it
 * arrived) before the walk ended. One finding per wait, with the rate over all walks and who it hit.
 * Opt-outs are left out: the CRM honours those whether or not a step reads them; so are replies that
 * come after an inbound-triggered flow ended (they start it again, as Twilio Studio does).
 */
public final class ReplyDrops {
    private ReplyDrops() {
    }

    public static List<Issue> of(Workflow wf, List<PersonaRun> runs) {
        Map<String, Set<String>> byWait = new LinkedHashMap<>();
        Map<String, Integer> walks = new LinkedHashMap<>();
        for (PersonaRun run : runs) {
            Set<String> hit = dropsIn(wf, run.interactions());
            for (String wait : hit) {
                byWait.computeIfAbsent(wait, k -> new LinkedHashSet<>()).add(run.persona().name());
                walks.merge(wait, 1, Integer::sum);
            }
        }
        List<Issue> out = new ArrayList<>();
        for (var e : byWait.entrySet()) {
            Step w = wf.step(e.getKey());
            int n = walks.get(e.getKey());
            int percent = (int) Math.round(100.0 * n / runs.size());
            // A reply lost in a rare walk (a lead who answers days later) is shown but not scored, so
            // the score does not swing between runs on a 1-in-200 event; from 5% of walks it warns.
            Severity severity = n * 20 >= runs.size() ? Severity.WARNING : Severity.INFO;
            out.add(Issue.of(severity, "reply_dropped", w.id(), wf.pointerOf(w.id()),
                    "in " + n + " of " + runs.size() + " walks (" + percent + "%; " + String.join(", ", e.getValue())
                            + ") the contact's reply arrived after wait_for_reply '" + w.id() + "' had timed out ("
                            + w.text("timeout") + ") and no later step read it: the answer was lost",
                    "Give the contact longer (timeout), or after the timeout check again for a late reply "
                            + "(a delay, then a condition on replied) before moving on or ending."));
        }
        return out;
    }

    /** The waits of one walk whose late reply nobody read. */
    static Set<String> dropsIn(Workflow wf, List<Interaction> walk) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < walk.size(); i++) {
            Interaction send = walk.get(i);
            if (send.replyAt() == null || send.reply() == null || !send.reply().replied()) continue;
            if (send.reading() != null && send.reading().optOut()) continue;
            Instant arrives = InstantText.parse(send.replyAt());
            String timedOut = null;
            int j = i + 1;
            for (; j < walk.size(); j++) {
                Interaction x = walk.get(j);
                Step st = wf.step(x.stepId());
                if (st == null || st.type() != StepType.WAIT_FOR_REPLY) continue;
                if (!InstantText.parse(x.at()).isBefore(arrives)) break;
                if ("on_reply".equals(x.transition())) break; // took this reply or an earlier one
                if ("on_timeout".equals(x.transition()) && deadline(x, st).isBefore(arrives)) {
                    timedOut = x.stepId();
                    break;
                }
            }
            if (timedOut == null || readLater(wf, walk, j + 1, arrives)) continue;
            // A flow the lead's own text starts (an inbound trigger) is started again by a text that
            // comes after it ended: a new conversation, not a lost reply.
            if (Trigger.of(wf).inbound() && !InstantText.parse(walk.get(walk.size() - 1).at()).isAfter(arrives)) continue;
            out.add(timedOut);
        }
        return out;
    }

    private static Instant deadline(Interaction wait, Step st) {
        return InstantText.parse(wait.at()).plus(Durations.parse(st.text("timeout")));
    }

    private static boolean readLater(Workflow wf, List<Interaction> walk, int from, Instant arrives) {
        for (int k = from; k < walk.size(); k++) {
            Interaction x = walk.get(k);
            Step st = wf.step(x.stepId());
            if (st == null) continue;
            if (st.type() == StepType.WAIT_FOR_REPLY && "on_reply".equals(x.transition())) return true;
            boolean reads = st.type() == StepType.CONDITION && st.branches().stream().anyMatch(b -> b.when().readsReplies());
            if (reads && !InstantText.parse(x.at()).isBefore(arrives)) return true;
        }
        return false;
    }
}
