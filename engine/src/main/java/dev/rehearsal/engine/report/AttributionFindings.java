package dev.rehearsal.engine.report;

import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.sim.CharacterCheck;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.WalkCause;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Findings that say a walk's outcome was not the workflow's doing: the provider failed
 * ({@code provider_unavailable}), or a reply contradicted the persona ({@code out_of_character}).
 * They are shown so nobody rewrites a correct workflow, and never count against it.
 */
final class AttributionFindings {
    private AttributionFindings() {
    }

    static List<Issue> of(Workflow wf, Map<String, List<PersonaRun>> byPersona, List<MessageAnalysis> analyses) {
        List<Issue> out = new ArrayList<>();
        int calls = 0, failed = 0, excluded = 0, walks = 0;
        String last = null;
        for (List<PersonaRun> persona : byPersona.values()) {
            for (PersonaRun w : persona) {
                walks++;
                if (WalkCause.of(w) == WalkCause.PROVIDER_ERROR) excluded++;
                for (Interaction i : w.interactions()) {
                    if (i.reply() == null) continue;
                    calls++;
                    if (i.reply().providerError() != null) {
                        failed++;
                        last = i.reply().providerError();
                    }
                }
            }
            outOfCharacter(wf, persona, out);
        }
        int analysisFailed = 0;
        if (analyses != null) {
            for (MessageAnalysis a : analyses) {
                calls++;
                if (a.providerError() != null) {
                    analysisFailed++;
                    failed++;
                    last = a.providerError();
                }
            }
        }
        if (failed > 0) {
            out.add(Issue.of(Severity.ERROR, "provider_unavailable", null, "",
                    failed + " of " + calls + " provider call(s) failed after retries" + (analysisFailed > 0
                            ? " (" + analysisFailed + " message analyses)" : "") + "; " + excluded + " of " + walks
                            + " walk(s) excluded from pass rates. Last error: " + last,
                    "This is the provider's failure, not the workflow's: check the key, quota and the provider's "
                            + "status, then rerun. The workflow is judged only on the valid walks."));
        }
        return out;
    }

    private static void outOfCharacter(Workflow wf, List<PersonaRun> walks, List<Issue> out) {
        String firstStep = null, reason = null, reply = null;
        int n = 0;
        for (PersonaRun w : walks) {
            boolean hit = false;
            for (Interaction i : w.interactions()) {
                String why = CharacterCheck.violation(w.persona(), i.reply());
                if (why == null || i.reply().providerError() != null) continue;
                if (!hit && reason == null) {
                    firstStep = i.stepId();
                    reason = why;
                    reply = i.reply().response();
                }
                hit = true;
            }
            if (hit) n++;
        }
        if (n == 0) return;
        String quoted = reply == null ? "" : " Reply: \"" + abbreviate(reply) + "\"";
        out.add(Issue.of(Severity.WARNING, "out_of_character", firstStep, wf.pointerOf(firstStep),
                reason + " (in " + n + " of " + walks.size() + " walks; excluded from pass rates)." + quoted,
                "The simulated lead broke character; rerun, or use a model that follows the persona card. "
                        + "This does not count against the workflow.")
                .forPersona(walks.get(0).persona().id()).inWalks(n, walks.size()));
    }

    private static String abbreviate(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
