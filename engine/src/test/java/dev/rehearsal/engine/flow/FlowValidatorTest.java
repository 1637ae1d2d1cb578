package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rehearsal.engine.flow.FlowFixtures.condition;
import static dev.rehearsal.engine.flow.FlowFixtures.delay;
import static dev.rehearsal.engine.flow.FlowFixtures.email;
import static dev.rehearsal.engine.flow.FlowFixtures.end;
import static dev.rehearsal.engine.flow.FlowFixtures.findings;
import static dev.rehearsal.engine.flow.FlowFixtures.team;
import static dev.rehearsal.engine.flow.FlowFixtures.sms;
import static dev.rehearsal.engine.flow.FlowFixtures.tag;
import static dev.rehearsal.engine.flow.FlowFixtures.await;
import static dev.rehearsal.engine.flow.FlowFixtures.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowValidatorTest {

    @Test
    void aReplyTestOnTheNoReplyPathIsUnsatisfiable() {
        Workflow broken = workflow("s", sms("s", "w"), await("w", "thanks", "c"),
                condition("c", "x", "{\"reply_intent\": [\"interested\"]}", "hot"),
                sms("thanks", "x"), sms("hot", "x"), end("x"));
        List<Issue> found = findings(broken, "unsatisfiable_branch");
        assertEquals(1, found.size(), found::toString);
        Issue i = found.get(0);
        assertEquals("c", i.stepId());
        assertEquals(Severity.ERROR, i.severity());
        assertEquals("/steps/2/branches/0", i.pointer());
        assertTrue(i.message().contains("on_timeout"), i.message());
        // fixed twin: the test sits on the on_reply path
        Workflow fixed = workflow("s", sms("s", "w"), await("w", "c", "x"),
                condition("c", "thanks", "{\"reply_intent\": [\"interested\"]}", "hot"),
                sms("thanks", "x"), sms("hot", "x"), end("x"));
        assertEquals(List.of(), findings(fixed, "unsatisfiable_branch"));
    }

    @Test
    void aTagNeverAddedAndAContradictoryAllAreUnsatisfiable() {
        Workflow broken = workflow("s", sms("s", "d"), delay("d", "c"),
                condition("c", "x", "{\"has_tag\": \"vip\"}", "x",
                        "{\"all\": [{\"replied\": true}, {\"replied\": false}]}", "x",
                        "{\"opted_out\": \"email\"}", "x"),
                end("x"));
        List<Issue> found = findings(broken, "unsatisfiable_branch");
        assertEquals(3, found.size(), found::toString);
        assertEquals(Severity.WARNING, found.get(0).severity(), "a tag may come from outside the workflow");
        assertTrue(found.get(1).message().contains("contradict"), found.get(1).message());
        assertTrue(found.get(2).message().contains("email"), found.get(2).message());
        Workflow fixed = workflow("s", tag("s", "vip", "m"), email("m", "d"), delay("d", "c"),
                condition("c", "x", "{\"has_tag\": \"vip\"}", "x",
                        "{\"all\": [{\"replied\": true}, {\"reply_intent\": [\"question\"]}]}", "x",
                        "{\"opted_out\": \"email\"}", "x"),
                end("x"));
        assertEquals(List.of(), findings(fixed, "unsatisfiable_branch"));
    }

    @Test
    void aBranchAnEarlierOneAlwaysWinsIsShadowed() {
        Workflow broken = workflow("s", sms("s", "w"), await("w", "c", "x"),
                condition("c", "x", "{\"reply_intent\": [\"interested\", \"ready_to_buy\"]}", "x",
                        "{\"reply_intent\": [\"ready_to_buy\"]}", "x"),
                end("x"));
        List<Issue> found = findings(broken, "shadowed_branch");
        assertEquals(1, found.size(), found::toString);
        assertEquals("/steps/2/branches/1", found.get(0).pointer());
        assertTrue(found.get(0).message().contains("'b1'"), found.get(0).message());
        Workflow fixed = workflow("s", sms("s", "w"), await("w", "c", "x"),
                condition("c", "x", "{\"reply_intent\": [\"ready_to_buy\"]}", "x",
                        "{\"reply_intent\": [\"interested\", \"ready_to_buy\"]}", "x"),
                end("x"));
        assertEquals(List.of(), findings(fixed, "shadowed_branch"));
    }

    @Test
    void aBranchThatAlwaysHoldsShadowsTheRestAndTheDefault() {
        Workflow broken = workflow("s", sms("s", "w"), await("w", "x", "c"),
                condition("c", "x", "{\"replied\": false}", "x", "{\"has_tag\": \"a\"}", "x"),
                end("x"));
        List<Issue> found = findings(broken, "shadowed_branch");
        assertEquals(2, found.size(), found::toString);
        assertTrue(found.get(1).pointer().endsWith("/default"));
    }

    @Test
    void aDefaultBehindARepliedTestThatEveryPathSatisfiesIsShadowed() {
        // every path to 'c' took a reply at 'w' (earlier), so replied: true always holds at 'c'
        Workflow broken = workflow("s", sms("s", "w"), await("w", "q", "x"), sms("q", "w2"), await("w2", "c", "c"),
                condition("c", "y", "{\"replied\": true}", "x"), sms("y", "x"), end("x"));
        List<Issue> found = findings(broken, "shadowed_branch");
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).pointer().endsWith("/default"));
        assertTrue(found.get(0).message().contains("always replied"), found.get(0).message());
        // twin: one path reaches 'c' without any reply, so the default is live
        Workflow fixed = workflow("s", sms("s", "w"), await("w", "q", "q"), sms("q", "w2"), await("w2", "c", "c"),
                condition("c", "y", "{\"replied\": true}", "x"), sms("y", "x"), end("x"));
        assertEquals(List.of(), findings(fixed, "shadowed_branch"));
    }

    @Test
    void aNudgeLoopThatOnlyAReplyLeavesIsUnbounded() {
        Workflow broken = workflow("s", sms("s", "w"), await("w", "x", "s"), end("x"));
        List<Issue> found = findings(broken, "unbounded_send_loop");
        assertEquals(1, found.size(), found::toString);
        assertEquals(Severity.ERROR, found.get(0).severity(), "SMS");
        // fixed twin: a counter tag lets a silent lead out after the second pass
        Workflow fixed = workflow("s", sms("s", "w"), await("w", "x", "c"),
                condition("c", "t", "{\"has_tag\": \"nudged\"}", "x"), tag("t", "nudged", "s"), end("x"));
        assertEquals(List.of(), findings(fixed, "unbounded_send_loop"));
    }

    @Test
    void anEmailLoopOnClicksIsAWarning() {
        Workflow broken = workflow("e", email("e", "d"), delay("d", "c"),
                condition("c", "e", "{\"email_clicked\": true}", "x"), end("x"));
        List<Issue> found = findings(broken, "unbounded_send_loop");
        assertEquals(1, found.size(), found::toString);
        assertEquals(Severity.WARNING, found.get(0).severity());
    }

    @Test
    void aReplyThatMatchesNothingAndEndsIsADroppedConversation() {
        Workflow broken = workflow("s", sms("s", "w"), await("w", "c", "x"),
                condition("c", "x", "{\"reply_contains\": [\"1\"]}", "one", "{\"reply_contains\": [\"2\"]}", "one"),
                sms("one", "x"), end("x"));
        List<Issue> found = findings(broken, "conversation_dropped");
        assertEquals(1, found.size(), found::toString);
        assertEquals("w", found.get(0).stepId());
        assertTrue(found.get(0).message().contains("default"), found.get(0).message());
        Workflow fixed = workflow("s", sms("s", "w"), await("w", "c", "x"),
                condition("c", "team", "{\"reply_contains\": [\"1\"]}", "one", "{\"reply_contains\": [\"2\"]}", "one"),
                sms("one", "x"), team("team", "x"), end("x"));
        assertEquals(List.of(), findings(fixed, "conversation_dropped"));
    }

    @Test
    void endingSilentlyAfterAnOptOutIsNotADroppedConversation() {
        Workflow w = workflow("s", sms("s", "w"), await("w", "c", "x"),
                condition("c", "ack", "{\"reply_intent\": [\"opt_out\"]}", "x"), sms("ack", "x"), end("x"));
        assertEquals(List.of(), findings(w, "conversation_dropped"));
    }
}
