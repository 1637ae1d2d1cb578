package dev.rehearsal.engine.report;

import dev.rehearsal.engine.compliance.QuietHours;
import dev.rehearsal.engine.compliance.StateRule;
import dev.rehearsal.engine.sim.EndReason;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues only a simulation can reveal: opt-outs ignored, quiet hours, frequency, runtime dead ends, and
 * replies the CRM misread (the reply classifier's reading sent the lead down another branch than what
 * the lead meant would have). Over many walks each finding is listed once per (rule, step, persona), with
 * how many of the persona's walks showed it ("message_after_opt_out in 30 of 30 walks of Cold Carl").
 */
public final class SimulationFindings {
    private SimulationFindings() {
    }

    /**
     * One intent_misread finding per persona, at the first misrouted condition, with the rate over every
     * decision that read a reply's intent or sentiment.
     */
    static Optional<Issue> misreadings(Workflow wf, PersonaRun run) {
        List<Interaction> misread = run.interactions().stream().filter(i -> i.flagged(Simulator.FLAG_INTENT_MISREAD)).toList();
        if (misread.isEmpty()) return Optional.empty();
        long decisions = run.interactions().stream().filter(i -> readsIntent(wf.step(i.stepId()))).count();
        Interaction first = misread.get(0);
        String who = run.persona().name();
        int pct = (int) Math.round(100.0 * misread.size() / Math.max(1, decisions));
        return Optional.of(Issue.of(Severity.WARNING, "intent_misread", first.stepId(), wf.pointerOf(first.stepId()),
                misread.size() + " of " + decisions + " (" + pct + "%) of " + who + "'s intent-routed replies were misread: at '"
                        + first.stepId() + "' " + first.note(),
                "Branch on what a CRM can read reliably: add reply_contains keywords for the answers you ask for "
                        + "(\"Reply YES\"), route questions and objections to a person, and send booking links only on a clear yes.")
                .forPersona(run.persona().id()));
    }

    private static boolean readsIntent(Step step) {
        return step != null && step.type() == StepType.CONDITION
                && step.branches().stream().anyMatch(b -> readsIntent(b.when()));
    }

    private static boolean readsIntent(Condition c) {
        if (c instanceof Condition.ReplyIntent || c instanceof Condition.ReplySentiment) return true;
        if (c instanceof Condition.All a) return a.all().stream().anyMatch(SimulationFindings::readsIntent);
        if (c instanceof Condition.Any a) return a.any().stream().anyMatch(SimulationFindings::readsIntent);
        return c instanceof Condition.Not n && readsIntent(n.not());
    }

    /**
     * Quiet hours: an unsolicited marketing text is an error (TCPA and state law), a transactional one
     * (settings.category or the step's transactional flag) a warning. Answers are never flagged.
     */
    private static Issue quietHours(Workflow wf, PersonaRun run, Interaction i) {
        Step step = wf.step(i.stepId());
        boolean marketing = wf.settings().marketing() && (step == null || !step.flag("transactional"));
        var verdict = QuietHours.check(dev.rehearsal.engine.sim.InstantText.parse(i.at()).toEpochMilli(), run.session().timezone,
                run.persona().contact(), wf.settings());
        String rule = verdict.quiet() ? verdict.rule() + ", at " + verdict.localTime()
                : "the workflow's quiet hours " + wf.settings().quietStart() + "–" + wf.settings().quietEnd();
        return Issue.of(marketing ? Severity.ERROR : Severity.WARNING, "sms_quiet_hours", i.stepId(), wf.pointerOf(i.stepId()),
                "'" + i.stepId() + "' sends " + run.persona().name() + (marketing ? " an unsolicited marketing text" : " a transactional text")
                        + " at " + i.localTime() + " contact-local, inside quiet hours: " + rule,
                "Put a delay with \"until\": \"10:00\" before this SMS so it lands in the contact's daytime (10:00 is inside every state's window).");
    }

    public static List<Issue> of(Workflow wf, Map<String, List<PersonaRun>> byPersona) {
        List<Issue> out = new ArrayList<>();
        for (List<PersonaRun> walks : byPersona.values()) {
            Map<String, Issue> first = new LinkedHashMap<>();
            Map<String, Set<Integer>> seen = new LinkedHashMap<>();
            for (PersonaRun w : walks) {
                for (Issue i : of(wf, List.of(w))) {
                    String key = i.type() + "@" + i.stepId();
                    first.putIfAbsent(key, i);
                    seen.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(w.walk());
                }
            }
            for (Map.Entry<String, Issue> e : first.entrySet()) {
                Issue i = e.getValue();
                if (walks.size() == 1) {
                    out.add(i);
                    continue;
                }
                int n = seen.get(e.getKey()).size();
                String who = walks.get(0).persona().name();
                out.add(new Issue(i.severity(), i.type(), i.stepId(), i.pointer(),
                        i.message() + " (in " + n + " of " + walks.size() + " walks of " + who + ")", i.suggestion(),
                        i.persona()).inWalks(n, walks.size()));
            }
        }
        return out;
    }

    /** The findings of each walk on its own. */
    public static List<Issue> of(Workflow wf, List<PersonaRun> runs) {
        List<Issue> out = new ArrayList<>();
        java.util.Set<String> warned = new java.util.HashSet<>();
        for (PersonaRun run : runs) {
            String who = run.persona().name();
            String pid = run.persona().id();
            if (warned.add(pid)) {
                // About the persona, not the workflow: shown, never scored (info).
                for (var w : dev.rehearsal.engine.persona.Traits.warnings(run.persona())) {
                    out.add(new Issue(Severity.INFO, w.code(), null, w.pointer(), who + ": " + w.message(),
                            w.code().equals("unknown_trait") ? "Use a known trait (docs/PERSONAS.md) or set the behavior object."
                                    : "Run with an LLM provider for this language, or set behavior.language to en or es.", pid));
                }
            }
            for (Interaction i : run.interactions()) {
                String ptr = wf.pointerOf(i.stepId());
                if (i.flagged(Simulator.FLAG_AFTER_OPT_OUT)) {
                    out.add(Issue.of(Severity.CRITICAL, "message_after_opt_out", i.stepId(), ptr,
                            "'" + i.stepId() + "' sent " + who + " a " + i.message().channel().wire() + " at "
                                    + i.localTime() + " after " + who + " opted out",
                            "Check opted_out (or reply_intent opt_out) right after every wait and end the workflow "
                                    + "for contacts who opted out; never send on a channel the contact left.").forPersona(pid));
                }
                if (i.flagged(Simulator.FLAG_QUIET_HOURS)) out.add(quietHours(wf, run, i).forPersona(pid));
                if (i.flagged(Simulator.FLAG_REPLY_IGNORED)) {
                    out.add(Issue.of(Severity.WARNING, "reply_ignored", i.stepId(), ptr,
                            "'" + i.stepId() + "' messaged " + who + " at " + i.localTime() + ": " + i.note(),
                            "Check for a reply before each follow-up (a condition on replied, or a short wait_for_reply) "
                                    + "so a lead who already answered is not nudged as if silent.").forPersona(pid));
                }
                if (i.flagged(Simulator.FLAG_FREQUENCY)) {
                    out.add(Issue.of(Severity.WARNING, "message_frequency", i.stepId(), ptr,
                            who + " receives more than " + wf.settings().maxMessagesPer24h()
                                    + " unsolicited messages within 24 hours by '" + i.stepId() + "' (answers to the contact's own messages do not count)",
                            "Space the messages out with longer delays, or raise settings.max_messages_per_24h deliberately.").forPersona(pid));
                }
                if (i.flagged(Simulator.FLAG_STATE_FREQUENCY)) {
                    StateRule cap = QuietHours.cap(run.persona().contact());
                    out.add(Issue.of(Severity.ERROR, "state_message_frequency", i.stepId(), ptr,
                            "'" + i.stepId() + "' is " + who + "'s unsolicited commercial text number " + (cap.maxPer24h() + 1)
                                    + " within 24 hours; " + cap.name() + " allows " + cap.maxPer24h() + " (" + cap.source() + ")",
                            "Send at most " + cap.maxPer24h() + " marketing texts per 24 hours to contacts in " + cap.name()
                                    + ": lengthen the delays, or move the extra message to email.").forPersona(pid));
                }
            }
            misreadings(wf, run).ifPresent(out::add);
            EndReason end = run.session().endReason;
            Interaction last = run.interactions().isEmpty() ? null : run.interactions().get(run.interactions().size() - 1);
            String lastStep = last == null ? null : last.stepId();
            String ptr = lastStep == null ? "" : wf.pointerOf(lastStep);
            switch (end) {
                case LOOP_GUARD -> out.add(Issue.of(Severity.ERROR, "runtime_loop", lastStep, ptr,
                        who + " kept cycling through '" + lastStep + "' until the loop guard stopped the run",
                        "Give the loop an exit that every contact eventually takes (a counter tag, a goal, or an end).").forPersona(pid));
                case MAX_STEPS -> out.add(Issue.of(Severity.WARNING, "max_steps_reached", lastStep, ptr,
                        who + "'s walk was cut off after " + run.interactions().size() + " steps (max-steps guard)",
                        "Check for long loops; raise settings.max_steps if the workflow really is this long.").forPersona(pid));
                case DEAD_END, NO_MATCHING_BRANCH -> out.add(Issue.of(Severity.ERROR, "runtime_dead_end", lastStep, ptr,
                        who + " got stuck at '" + lastStep + "': " + (last == null ? "" : last.note()),
                        "Add the missing transition (a default branch or an on_timeout) so every contact moves on.").forPersona(pid));
                default -> { }
            }
        }
        return out;
    }
}
