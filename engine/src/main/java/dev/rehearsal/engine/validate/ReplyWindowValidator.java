package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Durations;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A wait for a text reply that gives up within minutes: people answer texts over hours, so most
 * replies land after the workflow has moved on (Twilio Studio flows often keep a 120-second
 * timeout from a template). Email waits are not judged: nobody expects those in minutes.
 */
final class ReplyWindowValidator implements WorkflowValidator {
    static final Duration SHORTEST_SMS_WINDOW = Duration.ofMinutes(15);

    @Override
    public List<Issue> validate(Workflow w) {
        List<Issue> out = new ArrayList<>();
        for (Step s : w.steps()) {
            if (s.type() != StepType.WAIT_FOR_REPLY || "email".equals(s.text("channel"))
                    || s.text("for") != null && !s.text("for").equals("reply")) continue;
            Duration t = s.timeout();
            if (t == null || t.compareTo(SHORTEST_SMS_WINDOW) >= 0) continue;
            out.add(Issue.of(Severity.WARNING, "short_reply_window", s.id(), w.pointerOf(s.id()) + "/config/timeout",
                    "wait_for_reply '" + s.id() + "' gives up after " + Durations.format(t) + ": a lead who answers later than that "
                            + "(most do) is treated as silent" + (s.onTimeout() == null ? "" : " and goes to '" + s.onTimeout() + "'"),
                    "Wait hours, not minutes (e.g. \"timeout\": \"4h\"), or follow the timeout with a reminder that still accepts the reply."));
        }
        return out;
    }
}
