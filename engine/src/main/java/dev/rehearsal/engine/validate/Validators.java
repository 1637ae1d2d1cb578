package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every static check on a workflow: the one entry point the CLI, the API and the run use. */
public final class Validators {
    private static final List<WorkflowValidator> ALL = List.of(
            new StructuralValidator(),
            new MessageQualityValidator(),
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
        for (List<Issue> found : InOrder.map(ALL, v -> v.validate(workflow), parallel)) out.addAll(found);
        out.sort(Comparator.comparing(Issue::severity)
                .thenComparing(i -> i.stepId() == null ? -1 : workflow.indexOf(i.stepId()))
                .thenComparing(Issue::type));
        return out;
    }
}
