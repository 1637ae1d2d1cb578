package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;

import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds schema-checked workflows from compact step JSON and filters the issues a validator returns. */
final class Fixtures {
    private Fixtures() {
    }

    /** A workflow starting at {@code start} with the given comma-separated step objects. */
    static Workflow workflow(String start, String steps) {
        return workflow(start, steps, "{}");
    }

    static Workflow workflow(String start, String steps, String settings) {
        String json = """
                {"id": "wf", "name": "Test", "start": "%s", "settings": %s, "steps": [%s]}
                """.formatted(start, settings, steps);
        var r = WorkflowParser.parse(json);
        assertTrue(r.ok(), () -> r.problems() + "\n" + json);
        return r.workflow();
    }

    static List<Issue> ofType(List<Issue> issues, String type) {
        return issues.stream().filter(i -> i.type().equals(type)).toList();
    }

    static Predicate<Issue> at(String stepId) {
        return i -> stepId.equals(i.stepId());
    }

    /** A JSON string literal (escapes quotes and backslashes) for bodies written in tests. */
    static String str(String s) {
        return dev.rehearsal.engine.json.Json.write(s);
    }
}
