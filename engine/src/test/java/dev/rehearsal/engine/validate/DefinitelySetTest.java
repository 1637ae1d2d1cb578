package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rehearsal.engine.validate.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** A field the workflow sets on every path to a message needs no fallback there; set on some paths, it does. */
class DefinitelySetTest {
    static final String OPT = " Reply STOP to opt out.";

    private static List<String> unfallbacked(Workflow w) {
        return ofType(Validators.validate(w), "merge_field_without_fallback").stream().map(Issue::stepId).toList();
    }

    @Test
    void setOnBothBranchesCountsSetOnOneDoesNot() {
        Workflow w = workflow("ask", """
                {"id": "ask", "type": "send_sms", "config": {"body": "Size?%s"}, "next": "w"},
                {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1h", "save_reply_to": "size"}, "on_reply": "both", "on_timeout": "only_one"},
                {"id": "only_one", "type": "condition", "branches": [{"when": {"replied": true}, "next": "set_tier"}], "default": "tell_tier"},
                {"id": "set_tier", "type": "update_contact", "config": {"fields": {"tier": "gold"}}, "next": "tell_tier"},
                {"id": "tell_tier", "type": "send_sms", "config": {"body": "Tier {{contact.tier}}"}, "next": "end"},
                {"id": "both", "type": "send_sms", "config": {"body": "You said {{contact.size}}"}, "next": "end"},
                {"id": "end", "type": "end"}
                """.formatted(OPT));
        assertEquals(List.of("tell_tier"), unfallbacked(w), "size is saved on the reply edge; tier only on one branch");
    }

    @Test
    void aTextReplyWindowOfMinutesIsFlaggedHoursAndEmailAreNot() {
        Workflow w = workflow("a", """
                {"id": "a", "type": "send_sms", "config": {"body": "Confirm?%s"}, "next": "w1"},
                {"id": "w1", "type": "wait_for_reply", "config": {"timeout": "120s"}, "on_reply": "b", "on_timeout": "b"},
                {"id": "b", "type": "send_sms", "config": {"body": "Still there?"}, "next": "w2"},
                {"id": "w2", "type": "wait_for_reply", "config": {"timeout": "15m"}, "on_reply": "e", "on_timeout": "w3"},
                {"id": "w3", "type": "wait_for_reply", "config": {"timeout": "5m", "channel": "email"}, "on_reply": "e", "on_timeout": "e"},
                {"id": "e", "type": "end"}
                """.formatted(OPT));
        assertEquals(List.of("w1"), ofType(Validators.validate(w), "short_reply_window").stream().map(Issue::stepId).toList());
    }

    @Test
    void aReplySplitWhoseFallbackIsAnEndIsFlagged() {
        String steps = """
                {"id": "ask", "type": "send_sms", "config": {"body": "Reply CONFIRM or CANCEL.%s"}, "next": "w"},
                {"id": "w", "type": "wait_for_reply", "config": {"timeout": "4h", "save_reply_to": "answer"}, "on_reply": "split", "on_timeout": "e"},
                {"id": "split", "type": "condition", "branches": [
                  {"when": {"text": {"input": "{{contact.answer}}", "operator": "equal_to", "value": "CONFIRM"}}, "next": "e"},
                  {"when": {"text": {"input": "{{contact.answer}}", "operator": "equal_to", "value": "CANCEL"}}, "next": "e"}],
                 "default": "%s"},
                {"id": "again", "type": "send_sms", "config": {"body": "Sorry, reply CONFIRM or CANCEL."}, "next": "e"},
                {"id": "e", "type": "end"}
                """;
        List<Issue> silent = ofType(Validators.validate(workflow("ask", steps.formatted(OPT, "e"))), "unmatched_reply_ends");
        assertEquals(1, silent.size());
        assertTrue(silent.get(0).message().contains("\"CONFIRM\", \"CANCEL\""), silent.get(0).message());
        assertTrue(ofType(Validators.validate(workflow("ask", steps.formatted(OPT, "again"))), "unmatched_reply_ends").isEmpty());
    }

    @Test
    void callOutputsAreSetOnlyOnTheSuccessEdge() {
        Workflow w = workflow("call", """
                {"id": "call", "type": "external_call", "config": {"kind": "function", "outputs": {"slot": {"example": "9am"}}}, "next": "ok", "on_failure": "sorry"},
                {"id": "ok", "type": "send_sms", "config": {"body": "Slot {{contact.slot}}%s"}, "next": "end"},
                {"id": "sorry", "type": "send_sms", "config": {"body": "No slot {{contact.slot}}%s"}, "next": "end"},
                {"id": "end", "type": "end"}
                """.formatted(OPT, OPT));
        assertEquals(List.of("sorry"), unfallbacked(w));
    }
}
