package dev.rehearsal.engine.expect;

import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.Simulator;

import java.util.ArrayList;
import java.util.List;

/** Judges expectations against persona runs: pure code over paths and interaction flags. */
public final class ExpectationEvaluator {
    private ExpectationEvaluator() {
    }

    public static List<ExpectationResult> evaluate(List<Expectation> expectations, List<PersonaRun> runs) {
        List<ExpectationResult> out = new ArrayList<>();
        for (Expectation e : expectations) {
            for (PersonaRun run : runs) {
                if (e.appliesTo(run.persona().id())) out.add(judge(e, run));
            }
        }
        return out;
    }

    static ExpectationResult judge(Expectation e, PersonaRun run) {
        List<String> path = run.path();
        String pathText = "path: " + String.join(" > ", path);
        String persona = run.persona().id();
        switch (e.type()) {
            case "reaches_step" -> {
                int at = path.indexOf(e.step());
                return result(e, persona, at >= 0, at >= 0 ? "reached at step " + (at + 1) + "; " + pathText : pathText, e.step());
            }
            case "never_reaches_step" -> {
                int at = path.indexOf(e.step());
                return result(e, persona, at < 0, at >= 0 ? "reached at step " + (at + 1) + "; " + pathText : pathText, e.step());
            }
            case "reaches_step_within" -> {
                int at = path.indexOf(e.step());
                boolean ok = at >= 0 && at + 1 <= e.steps();
                String ev = at < 0 ? "never reached; " + pathText : "reached at step " + (at + 1) + "; " + pathText;
                return result(e, persona, ok, ev, e.step());
            }
            case "ends_in_goal" -> {
                var goals = run.session().contact.goals;
                boolean ok = e.goal() == null ? !goals.isEmpty() : goals.contains(e.goal());
                String ev = (goals.isEmpty() ? "no goal reached" : "goals reached: " + String.join(", ", goals))
                        + "; ended: " + run.session().endReason.wire() + "; " + pathText;
                return result(e, persona, ok, ev, null);
            }
            case "no_message_after_opt_out" -> {
                Interaction bad = run.interactions().stream().filter(i -> i.flagged(Simulator.FLAG_AFTER_OPT_OUT))
                        .findFirst().orElse(null);
                String ev = bad == null ? "no message was sent after an opt-out"
                        : "step '" + bad.stepId() + "' sent " + bad.message().channel().wire() + " at " + bad.localTime()
                        + " after the contact opted out; " + pathText;
                return result(e, persona, bad == null, ev, bad == null ? null : bad.stepId());
            }
            case "max_messages" -> {
                long sent = run.interactions().stream().filter(i -> i.message() != null).count();
                return result(e, persona, sent <= e.max(), sent + " message(s) sent; " + pathText, null);
            }
            default -> throw new IllegalArgumentException("unknown expectation type '" + e.type() + "'");
        }
    }

    private static ExpectationResult result(Expectation e, String persona, boolean ok, String evidence, String step) {
        return new ExpectationResult(e.describe(), e.type(), persona, ok, evidence, step);
    }
}
