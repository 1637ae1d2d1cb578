package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/** Runs every static check on a workflow: the one entry point the CLI, the API and the run use. */
public final class Validators {
    /** Most of a big workflow's validation: the only validator that splits its own work over the cores. */
    private static final MessageQualityValidator MESSAGES = new MessageQualityValidator();
    private static final List<WorkflowValidator> ALL = List.of(
            new StructuralValidator(),
            MESSAGES,
            new TimingValidator(),
            new IntegrationValidator(),
            new ReplyWindowValidator(),
            new dev.rehearsal.engine.flow.FlowValidator()
    );

    private Validators() {
    }

    public static List<WorkflowValidator> all() {
        return ALL;
    }

    /** All findings, most severe first, then in step order. */
    public static List<Issue> validate(Workflow workflow) {
        return validate(workflow, workflow.steps().size() >= InOrder.PARALLEL_FROM);
    }

    /**
     * The same, with the validators run side by side on every core when {@code parallel} (the default for big
     * workflows): each validator's findings are collected in registration order, so the result is the same list.
     */
    static List<Issue> validate(Workflow workflow, boolean parallel) {
        List<Issue> out = new ArrayList<>();
        for (List<Issue> found : parallel ? sideBySide(workflow) : InOrder.map(ALL, v -> v.validate(workflow), false)) {
            out.addAll(found);
        }
        out.sort(Comparator.comparing(Issue::severity)
                .thenComparing(i -> i.stepId() == null ? -1 : workflow.indexOf(i.stepId()))
                .thenComparing(Issue::type));
        return out;
    }

    /**
     * Each validator's findings, in registration order. The other validators run as one task on the common pool while
     * this thread runs the message checks, whose parallel map it then helps with (and so does the pool's thread once
     * the others are done). Run as one parallel map of validators, the message checks' own map was out of this thread's
     * reach: on two cores one sat idle for a third of a 100k-step validation (docs/PERFORMANCE.md, "Fifth round").
     */
    private static List<List<Issue>> sideBySide(Workflow workflow) {
        ForkJoinTask<List<List<Issue>>> others = ForkJoinPool.commonPool().submit(() -> ALL.stream()
                .map(v -> v == MESSAGES ? List.<Issue>of() : v.validate(workflow)).toList());
        List<Issue> messages = MESSAGES.validate(workflow);
        List<List<Issue>> found = new ArrayList<>(others.join());
        found.set(ALL.indexOf(MESSAGES), messages);
        return found;
    }
}
