package dev.rehearsal.importers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.workflow.Workflow;

/** A converted workflow: its JSON (what is stored or written), the parsed form, and the mapping report. */
public record ImportResult(ImportFormat format, ObjectNode definition, Workflow workflow, MappingReport report) {
}
