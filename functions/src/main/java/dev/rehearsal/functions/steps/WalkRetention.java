package dev.rehearsal.functions.steps;

import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationEvaluator;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.TestIds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which walks a finished run keeps once its report is built: what a person reads. Per persona, the
 * first walk of each distinct path (the report's representative transcript of that path) and every
 * walk that failed an applicable expectation. The rest expire with the in-flight TTL they were
 * written with (docs/COST.md, Retention); the report's rates and distributions already count them.
 */
final class WalkRetention {
    private WalkRetention() {
    }

    /** The walks to keep, in run order. */
    static List<PersonaRun> kept(List<PersonaRun> walks, List<Expectation> expectations) {
        Set<String> seenPaths = new HashSet<>();
        List<PersonaRun> out = new ArrayList<>();
        for (PersonaRun w : walks) {
            boolean firstOfPath = seenPaths.add(w.persona().id() + "|" + w.path());
            if (firstOfPath || failsAnExpectation(w, expectations)) out.add(w);
        }
        return out;
    }

    private static boolean failsAnExpectation(PersonaRun w, List<Expectation> expectations) {
        for (Expectation e : expectations) {
            if (e.appliesTo(w.persona().id()) && !ExpectationEvaluator.judgeWalk(e, w).passed()) return true;
        }
        return false;
    }

    /** Gives the kept walks the run's retention; returns the number of items extended. */
    static int keep(Store store, String accountId, String runId, List<PersonaRun> kept) {
        int n = 0;
        for (PersonaRun w : kept) {
            n += store.runs().keepWalk(accountId, TestIds.of(runId, w.persona().id(), w.walk()),
                    w.interactions().stream().map(Interaction::stepIndex).toList());
        }
        return n;
    }
}
