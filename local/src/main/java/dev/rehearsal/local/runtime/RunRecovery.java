package dev.rehearsal.local.runtime;

import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.store.ConflictException;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Store;

import java.util.OptionalInt;

/**
 * What {@code rehearse serve --data DIR} does on start with the runs a previous server left RUNNING
 * (it was killed mid-run): it resumes each one. Starting the run's execution again is safe and
 * resumes from the last persisted step: LoadRun and ValidateMessages are repeatable, InitSimulation
 * finds each persona's stored test and returns its cursor, and ExecuteStep is idempotent per
 * (test, step). A run that keeps killing its server is not resumed forever: after
 * {@link #MAX_RESUMES} resumes it is FAILED {@code interrupted}. A resumed run keeps its deadline.
 */
public final class RunRecovery {
    public static final int MAX_RESUMES = 3;

    public record Outcome(int resumed, int failed) {
    }

    private RunRecovery() {
    }

    public static Outcome resumeInterrupted(Store store, LocalRuntime runtime) {
        int resumed = 0, failed = 0;
        for (RunRecord run : store.runs().scanRunning()) {
            OptionalInt count = store.runs().recordResume(run.accountId(), run.runId());
            if (count.isEmpty()) continue; // it ended meanwhile
            if (count.getAsInt() > MAX_RESUMES) {
                try {
                    store.runs().finish(run.accountId(), run.runId(), RunStatus.FAILED, "interrupted: the server stopped "
                            + count.getAsInt() + " times while this run was going; it is not resumed again");
                    failed++;
                } catch (ConflictException e) {
                    // ended meanwhile
                }
                continue;
            }
            runtime.start(new RunRef(run.accountId(), run.runId(), run.workflowId(), run.workflowVersion()));
            resumed++;
        }
        return new Outcome(resumed, failed);
    }
}
