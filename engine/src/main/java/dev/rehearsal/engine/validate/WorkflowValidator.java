package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;

import java.util.List;

/** One family of static checks on a parsed workflow (structure, message quality, timing...). */
public interface WorkflowValidator {
    List<Issue> validate(Workflow workflow);
}
