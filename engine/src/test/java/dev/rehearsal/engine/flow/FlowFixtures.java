package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compact workflow builders for the data-flow tests. */
final class FlowFixtures {
    static final String SMS = "\"body\": \"Hi, quote ready. Reply STOP to opt out.\"";

    private FlowFixtures() {
    }

    static Workflow workflow(String start, String... steps) {
        String json = """
                {"id": "wf", "name": "Flow", "start": "%s", "steps": [%s]}
                """.formatted(start, String.join(",\n", steps));
        var r = WorkflowParser.parse(json);
        assertTrue(r.ok(), () -> r.problems() + "\n" + json);
        return r.workflow();
    }

    static String sms(String id, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"send_sms\", \"config\": {" + SMS + "}, \"next\": \"" + next + "\"}";
    }

    static String email(String id, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"send_email\", \"config\": {\"subject\": \"Your quote\", \"body\": \"Hello. Unsubscribe: {{account.unsubscribe_url}} 1 Main Street, Austin TX 78701\"}, \"next\": \"" + next + "\"}";
    }

    static String await(String id, String onReply, String onTimeout) {
        return "{\"id\": \"" + id + "\", \"type\": \"wait_for_reply\", \"config\": {\"timeout\": \"1d\"}, \"on_reply\": \"" + onReply
                + "\", \"on_timeout\": \"" + onTimeout + "\"}";
    }

    static String delay(String id, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"delay\", \"config\": {\"duration\": \"1d\"}, \"next\": \"" + next + "\"}";
    }

    static String tag(String id, String tag, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"add_tag\", \"config\": {\"tag\": \"" + tag + "\"}, \"next\": \"" + next + "\"}";
    }

    /** branches: pairs of (when JSON, next); labels b1, b2, ... */
    static String condition(String id, String defaultNext, String... whenNext) {
        StringBuilder b = new StringBuilder("{\"id\": \"" + id + "\", \"type\": \"condition\", \"branches\": [");
        for (int i = 0; i < whenNext.length; i += 2) {
            if (i > 0) b.append(", ");
            b.append("{\"label\": \"b").append(i / 2 + 1).append("\", \"when\": ").append(whenNext[i])
                    .append(", \"next\": \"").append(whenNext[i + 1]).append("\"}");
        }
        b.append("]").append(defaultNext == null ? "" : ", \"default\": \"" + defaultNext + "\"").append("}");
        return b.toString();
    }

    static String team(String id, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"notify_team\", \"config\": {\"message\": \"Call them\"}, \"next\": \"" + next + "\"}";
    }

    static String end(String id) {
        return "{\"id\": \"" + id + "\", \"type\": \"end\"}";
    }

    static List<Issue> findings(Workflow w, String type) {
        return new FlowValidator().validate(w).stream().filter(i -> i.type().equals(type)).toList();
    }
}
